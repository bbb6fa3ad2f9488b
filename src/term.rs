//! Terminals: the bytes in (decoding keys, mouse and pastes), the bytes out (the wire backend),
//! what a terminal can do, one reader's session over any output, and the local tty that drives
//! one. An SSH server would be a second driver of [`session::Session`].

pub mod backend;
pub mod capabilities;
pub mod decode;
pub mod pacing;
pub mod plain;
pub mod searcher;
pub mod session;
pub mod tty;
