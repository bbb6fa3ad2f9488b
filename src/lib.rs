//! brief: a terminal reader for briefings.
//!
//! The folders are the layers, each using only itself and those listed after it:
//! [`term`] (the wire backend, the session loop, the local tty driver) and [`cli`] (the
//! command line and the plain-text commands) drive [`ui`] (widgets) over [`app`] (one
//! reader's state, layout and `update`), which remembers places in the [`store`] (the state
//! database), takes keys and themes from [`settings`], and reads a [`library`] (finding,
//! loading, reloading and watching briefings, `*.md` ones through [`import`], which makes
//! briefings of articles in other formats) of [`content`] (what a briefing is: model,
//! parsing, cleaning, diagnostics) over [`text`] (widths, wrapping, folding, highlighting).
//! See docs/architecture.md.

pub mod app;
pub mod cli;
pub mod content;
pub mod import;
pub mod library;
#[cfg(feature = "ssh")]
pub mod serve;
pub mod settings;
pub mod store;
pub mod term;
pub mod text;
pub mod ui;
