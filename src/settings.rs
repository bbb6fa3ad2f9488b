//! What the reader sets: the config directory and its files (keys, watchlist), the keymap and
//! its actions, and the themes.

pub mod clock;
pub mod config;
pub mod dirs;
pub mod file;
pub mod keymap;
pub mod theme;
