//! Pure translation of terminal events into messages for [`App::update`]: the keymap decides
//! what keys mean, the mode decides whether typed characters are text (search) or commands.
//! [`crate::term::decode`] turns the terminal's bytes into those events.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use crate::app::{App, Mode, Msg};
use crate::settings::keymap::{Action, Key};

/// Most characters a paste adds to the search prompt; the rest is dropped.
pub const MAX_PASTE_CHARS: usize = 256;

/// The message an event means in the current state, if any.
pub fn message_for(event: &Event, app: &App) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_message(*key, app),
        Event::Mouse(mouse) if app.view.mouse => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Wheel(mouse.column, mouse.row, true)),
            MouseEventKind::ScrollUp => Some(Msg::Wheel(mouse.column, mouse.row, false)),
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(mouse.column, mouse.row)),
            _ => None,
        },
        Event::Resize(width, height) => Some(Msg::Resize(*width, *height)),
        // A paste is text for a prompt; anywhere else it is ignored, never run as keys.
        Event::Paste(text)
            if matches!(
                app.view.mode,
                Mode::Search | Mode::Filter | Mode::Find | Mode::LibrarySearch | Mode::Entities
            ) =>
        {
            let text = paste_text(text);
            (!text.is_empty()).then_some(Msg::SearchPaste(text))
        }
        _ => None,
    }
}

fn key_message(event: KeyEvent, app: &App) -> Option<Msg> {
    let key = Key::from_event(event);
    let bound = app.keymap.action(key);
    let ctrl_c = Key {
        code: KeyCode::Char('c'),
        modifiers: KeyModifiers::CONTROL,
    };
    // Ctrl-C leaves from anywhere, even after `quit` was rebound, unless the keys file gave
    // Ctrl-C to another action.
    if key == ctrl_c && bound.is_none_or(|a| a == Action::Quit) {
        return Some(Msg::Interrupt);
    }
    if matches!(
        app.view.mode,
        Mode::Search | Mode::Filter | Mode::Find | Mode::LibrarySearch | Mode::Entities
    ) {
        // Suspend and redraw work from the prompt too, when bound to a control key.
        let control = key.modifiers.contains(KeyModifiers::CONTROL);
        if matches!(
            app.view.mode,
            Mode::Find | Mode::LibrarySearch | Mode::Entities
        ) && let Some(delta) = finder_move(event.code, control)
        {
            return Some(Msg::PromptMove(delta));
        }
        return match bound {
            Some(a @ (Action::Suspend | Action::Redraw)) if control => Some(Msg::Action(a)),
            _ => search_key(event.code, event.modifiers),
        };
    }
    bound.map(Msg::Action)
}

/// Pasted text as prompt text: line breaks and tabs folded to spaces, anything a typed
/// character could not be (controls, bidi overrides) dropped, at most [`MAX_PASTE_CHARS`].
pub fn paste_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| {
            if matches!(c, '\r' | '\n' | '\t') {
                ' '
            } else {
                c
            }
        })
        .filter(|c| crate::content::sanitize::is_clean(c.encode_utf8(&mut [0; 4])))
        .take(MAX_PASTE_CHARS)
        .collect()
}

/// Keys that move the finder's selection rather than type: the arrows, Page Up and Down, and
/// Ctrl-N/Ctrl-P and Ctrl-J/Ctrl-K as in editors' pickers.
fn finder_move(code: KeyCode, control: bool) -> Option<isize> {
    match code {
        KeyCode::Down | KeyCode::Tab => Some(1),
        KeyCode::Up | KeyCode::BackTab => Some(-1),
        KeyCode::PageDown => Some(10),
        KeyCode::PageUp => Some(-10),
        KeyCode::Char('n' | 'j') if control => Some(1),
        KeyCode::Char('p' | 'k') if control => Some(-1),
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
        // As in a shell's line editing: Ctrl-W a word, Ctrl-U the whole line.
        KeyCode::Char('w') if ctrl => Some(Msg::PromptErase(crate::app::Erase::Word)),
        KeyCode::Char('u') if ctrl => Some(Msg::PromptErase(crate::app::Erase::All)),
        // Typed (or pasted) text is held to the same rule as file content: no controls, no
        // bidi overrides, so the query is safe to show in the status bar.
        KeyCode::Char(c)
            if !ctrl && crate::content::sanitize::is_clean(c.encode_utf8(&mut [0; 4])) =>
        {
            Some(Msg::SearchInput(c))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::load_built_in;
    use crate::settings::keymap::Keymap;
    use crate::settings::theme::Theme;
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

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    #[test]
    fn a_paste_is_prompt_text_and_never_keys() {
        let mut app = App::new(load_built_in(), Theme::default(), Keymap::default());
        let paste = Event::Paste("sharply\r\nquoted\tlater\u{202e}\x1b[31m\nq".into());
        assert_eq!(message_for(&paste, &app), None, "ignored outside a prompt");
        app.update(Msg::Action(Action::Search));
        assert_eq!(
            message_for(&paste, &app),
            Some(Msg::SearchPaste("sharply quoted later[31m q".into()))
        );
        let long = Event::Paste("x".repeat(MAX_PASTE_CHARS * 4));
        let Some(Msg::SearchPaste(text)) = message_for(&long, &app) else {
            panic!("a long paste is still text");
        };
        assert_eq!(text.chars().count(), MAX_PASTE_CHARS);
        assert_eq!(message_for(&Event::Paste("\u{7}".into()), &app), None);
    }

    #[test]
    fn ctrl_c_quits_from_anywhere_unless_rebound() {
        let mut keys = Keymap::default();
        keys.patch("keys.toml", "[keys]\nquit = [\"x\"]\n").unwrap();
        let mut app = App::new(load_built_in(), Theme::default(), keys);
        assert_eq!(message_for(&ctrl('c'), &app), Some(Msg::Interrupt));
        app.update(Msg::Action(Action::Help));
        assert_eq!(message_for(&ctrl('c'), &app), Some(Msg::Interrupt));
        app.update(Msg::Action(Action::Close));
        app.update(Msg::Action(Action::Search));
        assert_eq!(message_for(&ctrl('c'), &app), Some(Msg::Interrupt));
        let mut keys = Keymap::default();
        keys.patch("keys.toml", "[keys]\nskim = [\"ctrl-c\"]\n")
            .unwrap();
        let app = App::new(load_built_in(), Theme::default(), keys);
        assert_eq!(
            message_for(&ctrl('c'), &app),
            Some(Msg::Action(Action::Skim))
        );
    }

    #[test]
    fn suspend_and_redraw_work_from_the_prompt() {
        let mut app = App::new(load_built_in(), Theme::default(), Keymap::default());
        app.update(Msg::Action(Action::Search));
        assert_eq!(
            message_for(&ctrl('z'), &app),
            Some(Msg::Action(Action::Suspend))
        );
        assert_eq!(
            message_for(&ctrl('l'), &app),
            Some(Msg::Action(Action::Redraw))
        );
    }
}
