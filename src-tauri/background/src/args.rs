//! The background process's command line: which data folder (the window's `--minimised`
//! and anything else is ignored, so one autostart entry fits both old and new installs).

use std::path::PathBuf;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// `--data-dir DIR` or `--data-dir=DIR`.
    pub data_dir: Option<PathBuf>,
}

impl Args {
    /// Read the arguments after the program's name.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Self {
        let mut parsed = Args::default();
        let mut args = args.into_iter();
        while let Some(a) = args.next() {
            if a == "--data-dir" {
                parsed.data_dir = args.next().map(PathBuf::from);
            } else if let Some(dir) = a.strip_prefix("--data-dir=") {
                parsed.data_dir = Some(PathBuf::from(dir));
            }
        }
        parsed
    }

    /// The arguments that start another Needlewise program on the same data.
    pub fn passed_on(&self) -> Vec<std::ffi::OsString> {
        match &self.data_dir {
            Some(dir) => vec!["--data-dir".into(), dir.clone().into_os_string()],
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_folder_is_read_in_both_forms_and_the_rest_ignored() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let a = Args::parse(words(&["--minimised", "--data-dir", "/tmp/a b"]));
        assert_eq!(a.data_dir, Some(PathBuf::from("/tmp/a b")));
        assert_eq!(a.passed_on(), ["--data-dir", "/tmp/a b"]);
        let a = Args::parse(words(&["--data-dir=/tmp/c"]));
        assert_eq!(a.data_dir, Some(PathBuf::from("/tmp/c")));
        assert!(Args::parse(words(&["--minimised"])).passed_on().is_empty());
    }
}
