//! What is watched and what each event means: the rules that turn the system's events into
//! [`Changes`] of briefing files (spelled as the library spells them) or a rescan.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};
use notify::{Event, EventKind, RecursiveMode};

use super::{Changes, is_artefact};

/// What is watched: the content directories and the files named on their own. Events name
/// absolute paths (whatever the spelling watched); changes are reported in the reader's
/// spelling, which is the one the library's origins use.
#[derive(Debug, Clone, Default)]
pub(super) struct Scope {
    /// Directories searched for briefings: `(absolute, as given)`.
    pub(super) roots: Vec<(PathBuf, PathBuf)>,
    /// Files watched through their directory: `(absolute directory, file name, path as the
    /// library spells it)`: files named on their own (and their link targets), and links to
    /// files outside the content directories.
    pub(super) named: Vec<(PathBuf, std::ffi::OsString, PathBuf)>,
    /// Directories (and links to directories) inside the content directories, as events name
    /// them: what a path was once it is gone or moved away.
    pub(super) dirs: HashSet<PathBuf>,
    /// Links to directories outside every content directory, watched on their own (a
    /// recursive watch does not follow links: a link back into the tree would report its
    /// events under a second spelling).
    pub(super) linked: Vec<PathBuf>,
}

/// What one event asks for.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Effect {
    pub(super) changes: Changes,
    /// Content directories replaced as a whole, and links to directories outside the tree new
    /// inside one: watch them (again).
    pub(super) rewatch: Vec<PathBuf>,
}

impl Scope {
    /// The scope of `paths` (standard input and built-in briefings left out), with the
    /// content directories walked for their directories and links.
    pub(super) fn of(paths: &[PathBuf]) -> Self {
        let mut scope = Self::default();
        for path in paths.iter().filter(|p| !crate::library::is_special(p)) {
            if path.is_dir() {
                scope.roots.push((absolute(path), path.clone()));
            } else {
                scope.name_file(path, path);
            }
        }
        let roots: Vec<(PathBuf, PathBuf)> = scope.roots.clone();
        let mut seen = HashSet::new();
        for (root, given) in &roots {
            scope.walk(root, given, &mut seen);
        }
        scope
    }

    /// Watches `path` (a file, or a link to one) through its directory, and through its
    /// target's when it is a link, reporting it as `spelled`.
    fn name_file(&mut self, path: &Path, spelled: &Path) {
        let Some(name) = path.file_name() else {
            return;
        };
        let dir = parent(&absolute(path));
        self.named
            .push((dir.clone(), name.to_owned(), spelled.to_path_buf()));
        // A symlink's changes happen where it points.
        if let Ok(target) = std::fs::canonicalize(path)
            && let Some(target_name) = target.file_name()
        {
            let target_dir = parent(&target);
            if target_dir != dir || target_name != name {
                self.named
                    .push((target_dir, target_name.to_owned(), spelled.to_path_buf()));
            }
        }
    }

    /// Records the directories under `dir` (spelled `given`), and the links to directories
    /// and files outside the content directories, which need watches of their own. Each
    /// directory once (`seen`, by canonical path), so a link loop ends.
    fn walk(&mut self, dir: &Path, given: &Path, seen: &mut HashSet<PathBuf>) {
        let Ok(canonical) = std::fs::canonicalize(dir) else {
            return;
        };
        if !seen.insert(canonical) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let (path, spelled) = (dir.join(&name), given.join(&name));
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            if path.is_dir() {
                self.dirs.insert(path.clone());
                if link && self.outside_roots(&path) {
                    self.linked.push(path.clone());
                } else if link {
                    continue;
                }
                self.walk(&path, &spelled, seen);
            } else if link && crate::library::is_briefing_name(&path) {
                let target_dir = std::fs::canonicalize(&path).map(|t| parent(&t));
                if target_dir.is_ok_and(|d| self.outside_roots(&d)) {
                    self.name_file(&path, &spelled);
                }
            }
        }
    }

    /// Whether `path` (followed through links) lies outside every content directory.
    fn outside_roots(&self, path: &Path) -> bool {
        let Ok(target) = std::fs::canonicalize(path) else {
            return false;
        };
        !self
            .roots
            .iter()
            .any(|(root, _)| std::fs::canonicalize(root).is_ok_and(|root| target.starts_with(root)))
    }

    /// The paths to watch, each with how.
    pub(super) fn watches(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        let inside_root = |path: &Path| self.roots.iter().any(|(r, _)| path.starts_with(r));
        let mut add = |path: PathBuf, mode| {
            if !out.iter().any(|(p, _)| *p == path) {
                out.push((path, mode));
            }
        };
        for (root, _) in &self.roots {
            add(root.clone(), RecursiveMode::Recursive);
        }
        for link in &self.linked {
            add(link.clone(), RecursiveMode::Recursive);
        }
        // A content directory is watched from its parent too (to see it deleted, re-created
        // or swapped); a parent inside another content directory is watched already.
        for (root, _) in &self.roots {
            let dir = parent(root);
            if !inside_root(&dir) {
                add(dir, RecursiveMode::NonRecursive);
            }
        }
        for (dir, _, _) in &self.named {
            if !inside_root(dir) {
                add(dir.clone(), RecursiveMode::NonRecursive);
            }
        }
        out
    }

    /// What `event` asks for; `is_dir` tells what a path is now. Keeps the record of
    /// directories up to date.
    pub(super) fn effect(&mut self, event: &Event, is_dir: &dyn Fn(&Path) -> bool) -> Effect {
        let mut effect = Effect::default();
        // Reads (brief's own among them) change nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            return effect;
        }
        if event.need_rescan() {
            effect.changes.rescan = true;
        }
        let renamed_to_dir = matches!(
            event.kind,
            EventKind::Modify(ModifyKind::Name(RenameMode::Both))
        ) && event.paths.get(1).is_some_and(|to| is_dir(to));
        for path in &event.paths {
            let directory = match event.kind {
                EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder) => {
                    true
                }
                EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                    is_dir(path)
                }
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                    renamed_to_dir || self.dirs.contains(path)
                }
                // Gone or moved away: what it was is what the record says.
                _ => self.dirs.contains(path),
            };
            self.track(path, event.kind, directory);
            self.effect_on(path, directory, &mut effect);
        }
        effect
    }

    /// Keeps the record of directories: a directory that came is added, one that went (or
    /// moved away) is dropped with everything under it.
    fn track(&mut self, path: &Path, kind: EventKind, directory: bool) {
        if !directory {
            return;
        }
        let came = matches!(
            kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To))
        );
        if came && self.inside(path).is_some() {
            self.dirs.insert(path.to_path_buf());
        } else if !matches!(kind, EventKind::Modify(ModifyKind::Name(RenameMode::Both))) {
            self.dirs.retain(|d| !d.starts_with(path));
        }
    }

    /// The content directory `path` is in: `(path inside it, the directory as given)`.
    fn inside<'a>(&'a self, path: &'a Path) -> Option<(&'a Path, &'a Path)> {
        self.roots
            .iter()
            .find_map(|(root, given)| Some((path.strip_prefix(root).ok()?, given.as_path())))
    }

    /// What an event on `path` asks for; `directory` tells whether `path` is (or was) a
    /// directory.
    fn effect_on(&self, path: &Path, directory: bool, effect: &mut Effect) {
        if let Some((_, _, named)) = self
            .named
            .iter()
            .find(|(dir, name, _)| path.file_name() == Some(name) && parent(path) == *dir)
        {
            effect.changes.files.insert(named.clone());
        }
        if let Some((root, _)) = self.roots.iter().find(|(r, _)| path == r) {
            effect.rewatch.push(root.clone());
            effect.changes.rescan = true;
            return;
        }
        let Some((inside, given)) = self.inside(path) else {
            return;
        };
        // Hidden entries are skipped by the walk, whatever is inside them.
        let hidden = inside
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden {
            return;
        }
        if directory {
            effect.changes.rescan = true;
            // A link to a directory outside the tree gets no watch from a recursive watch.
            if path.is_symlink() && self.outside_roots(path) {
                effect.rewatch.push(path.to_path_buf());
            }
            return;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_artefact(&name) && crate::library::is_briefing_name(path) {
            effect.changes.files.insert(given.join(inside));
        }
    }
}

/// The directory that holds `path` (`/` for `/`).
pub(super) fn parent(path: &Path) -> PathBuf {
    path.parent().unwrap_or(path).to_path_buf()
}

/// `path` from the root, as events name it (a `.` inside is harmless: paths compare equal
/// with or without one).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
