//! The server's keys: its host key (ed25519, made on first start with mode 0600, reused
//! after) and the readers' keys from an OpenSSH `authorized_keys` file.

use std::io::Write as _;
use std::path::Path;

use russh::keys::ssh_key::{AuthorizedKeys, HashAlg, LineEnding};
use russh::keys::{Algorithm, PrivateKey, PublicKey};

/// Loads the host key at `path`, or makes one (ed25519) and writes it there with mode 0600
/// when there is none. Returns the key and whether it was made now.
///
/// # Errors
/// A message naming the file: unreadable, not an OpenSSH private key, protected by a
/// passphrase, or not writable.
pub fn host_key(path: &Path) -> Result<(PrivateKey, bool), String> {
    let shown = crate::library::display_path(path);
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let key = PrivateKey::from_openssh(text.as_bytes())
                .map_err(|e| format!("{shown}: not an OpenSSH private key ({e})"))?;
            if key.is_encrypted() {
                return Err(format!(
                    "{shown}: the host key has a passphrase; brief needs one without"
                ));
            }
            Ok((key, false))
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
                .map_err(|e| format!("cannot make a host key: {e}"))?;
            write_private(path, &key)
                .map_err(|e| format!("{shown}: cannot write the host key: {e}"))?;
            Ok((key, true))
        }
        Err(err) => Err(format!("{shown}: {err}")),
    }
}

/// Writes `key` in OpenSSH form, readable by its owner only (created so, never widened).
fn write_private(path: &Path, key: &PrivateKey) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let text = key
        .to_openssh(LineEnding::LF)
        .map_err(std::io::Error::other)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// A key's SHA-256 fingerprint as OpenSSH prints it (`SHA256:…`): how readers are known.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// How OpenSSH key types start: a line that starts otherwise has options first.
const TYPES: [&str; 3] = ["ssh-", "ecdsa-", "sk-"];

/// The readers' keys, and what was left out of the file and why (one line each).
#[derive(Debug, Default)]
pub struct Authorized {
    /// Keys that may sign in.
    pub keys: Vec<PublicKey>,
    /// Lines refused: malformed, or with options brief does not honour (`from=`, `command=`,
    /// `no-pty`…), which it refuses rather than ignores.
    pub refused: Vec<String>,
}

impl Authorized {
    /// Reads an OpenSSH `authorized_keys` text. A line that cannot be used is reported and
    /// skipped; it never locks out the others.
    pub fn parse(origin: &str, text: &str) -> Self {
        let mut out = Self::default();
        let lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        for (n, line) in lines {
            let at = format!("{origin}:{}", n + 1);
            let line = line.trim();
            // A line starts with its key type unless options come first.
            let typed = TYPES.iter().any(|t| line.starts_with(t));
            let key_later = TYPES.iter().find_map(|t| line.find(&format!(" {t}")));
            if let (false, Some(end)) = (typed, key_later) {
                let options = line.get(..end).unwrap_or_default();
                out.refused.push(format!(
                    "{at}: options are not supported ({}); the key is left out",
                    crate::content::sanitize::line(options)
                ));
                continue;
            }
            match AuthorizedKeys::new(line).next() {
                Some(Ok(entry)) if entry.config_opts().is_empty() => {
                    out.keys.push(entry.public_key().clone());
                }
                Some(Ok(entry)) => out.refused.push(format!(
                    "{at}: options are not supported ({}); the key is left out",
                    crate::content::sanitize::line(entry.config_opts().as_str())
                )),
                Some(Err(err)) => out.refused.push(format!("{at}: not a public key ({err})")),
                None => {}
            }
        }
        out
    }

    /// Whether `key` may sign in (compared by key material, whatever its comment).
    pub fn allows(&self, key: &PublicKey) -> bool {
        self.keys.iter().any(|k| k.key_data() == key.key_data())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_and_bad_lines_are_refused_and_the_rest_kept() {
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        let one = key.public_key().to_openssh().expect("openssh");
        let text = format!(
            "# readers\n{one}\nfrom=\"10.0.0.1\" {one}\nnot a key at all\n\ncommand=\"ls\",no-pty {one}\n"
        );
        let a = Authorized::parse("keys", &text);
        assert_eq!(a.keys.len(), 1);
        assert_eq!(a.refused.len(), 3, "{:?}", a.refused);
        assert!(
            a.refused[0].starts_with("keys:3: options are not supported (from="),
            "{:?}",
            a.refused
        );
        assert!(a.refused[1].starts_with("keys:4: not a public key"));
        assert!(a.refused[2].contains("command="));
        assert!(a.allows(key.public_key()));
        let other = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        assert!(!a.allows(other.public_key()));
    }

    #[test]
    fn a_host_key_is_made_once_readable_by_its_owner_only_and_reused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("keys").join("host_ed25519");
        let (made, new) = host_key(&path).expect("made");
        assert!(new);
        let permissions = std::fs::metadata(&path).expect("file").permissions().mode();
        assert_eq!(permissions & 0o777, 0o600);
        let (again, new) = host_key(&path).expect("read");
        assert!(!new);
        assert_eq!(
            fingerprint(made.public_key()),
            fingerprint(again.public_key())
        );
        std::fs::write(&path, "garbage").expect("write");
        assert!(host_key(&path).is_err_and(|e| e.contains("not an OpenSSH private key")));
    }
}
