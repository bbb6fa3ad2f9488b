//! What a briefing is: the validated model, parsing and validating the format, the one
//! cleaning pass every string from a file goes through, and the diagnostics that name
//! `path:line:column`. Nothing here reads a directory or knows about other briefings: that is
//! [`crate::library`].

mod address;
mod body;
pub mod diagnostic;
mod id;
pub mod model;
mod opening;
mod parse;
mod pieces;
pub mod sanitize;
pub mod schema;

pub use address::{TextAddress, fingerprint};
pub use model::{
    Block, BlockRef, BriefDate, Briefing, BriefingId, Category, CompactString, Imported, ItemRef,
    Items, Keywords, ListItem, Marker, QuoteLines, Section, SectionLines, SourceLines, Takeaway,
    days_from_civil, list_prefixes,
};
pub use opening::{OPENING_FROM, opening, opening_read};
pub use parse::{FORMAT_VERSION, default_id, parse};
