//! Pure translation of terminal events into messages for [`App::update`]: the keymap decides
//! what keys mean, the mode decides whether typed characters are text (search) or commands.

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};

use crate::app::{App, Mode, Msg};
use crate::keymap::{Action, Key};

/// The message an event means in the current state, if any.
pub fn message_for(event: &Event, app: &App) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            if app.view.mode == Mode::Search {
                return search_key(key.code, key.modifiers);
            }
            app.keymap.action(Key::from_event(*key)).map(Msg::Action)
        }
        Event::Mouse(mouse) if app.view.mouse => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Wheel(mouse.column, mouse.row, true)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(mouse.column, mouse.row, false)),
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(mouse.column, mouse.row)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Msg::Resize(*width, *height)),
        _ => None,
    }
}

fn search_key(code: KeyCode, modifiers: KeyModifiers) -> Option<Msg> {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    match code {
        KeyCode::Enter => Some(Msg::SearchSubmit),
        KeyCode::Esc => Some(Msg::Action(Action::Close)),
        KeyCode::Char('c' | 'g') if ctrl => Some(Msg::Action(Action::Close)),
        KeyCode::Backspace => Some(Msg::SearchBackspace),
        // Typed (or pasted) text is held to the same rule as file content: no controls, no
        // bidi overrides, so the query is safe to show in the status bar.
        KeyCode::Char(c) if !ctrl && crate::sanitize::is_clean(c.encode_utf8(&mut [0; 4])) => {
            Some(Msg::SearchInput(c))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::load_built_in;
    use crate::keymap::Keymap;
    use crate::theme::Theme;
    use crossterm::event::KeyEvent;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn keys_map_through_the_keymap_or_into_the_prompt() {
        let mut app = App::new(load_built_in(), Theme::default(), Keymap::default());
        assert_eq!(
            message_for(&key(KeyCode::Char('/')), &app),
            Some(Msg::Action(Action::Search))
        );
        app.update(Msg::Action(Action::Search));
        assert_eq!(
            message_for(&key(KeyCode::Char('q')), &app),
            Some(Msg::SearchInput('q'))
        );
        assert_eq!(
            message_for(&key(KeyCode::Enter), &app),
            Some(Msg::SearchSubmit)
        );
        assert_eq!(
            message_for(&Event::Resize(80, 24), &app),
            Some(Msg::Resize(80, 24))
        );
    }
}
