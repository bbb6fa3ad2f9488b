//! brief: a terminal reader for briefings.
//!
//! Data flows one way: files are read and validated into the [`content`] model, laid out by
//! [`layout`] into rows, held with all UI state in [`app::App`], and drawn by [`ui`] from a shared
//! reference. Only [`tui`] and [`cli`] touch the terminal or stdout. See docs/architecture.md.

pub mod app;
pub mod args;
pub mod backend;
pub mod capabilities;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod dirs;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod panes;
pub mod resume;
pub mod sanitize;
pub mod schema;
pub mod session;
pub mod store;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;
pub mod watch;
