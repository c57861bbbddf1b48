//! A page whose web process died comes back. WebKitGTK leaves the window blank when the
//! renderer crashes or goes over its memory limit; everything the page shows is stored, so
//! loading it again loses nothing but a half-typed field. A second death soon after is left
//! blank (and said): reloading in a loop would hide a page that cannot run.

use tauri::{Runtime, WebviewWindow};

/// Two deaths closer than this: the page is not loaded again.
#[cfg(target_os = "linux")]
const RELOAD_GAP: std::time::Duration = std::time::Duration::from_secs(30);

pub fn recover<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let _ = window.with_webview(|platform| {
            use std::cell::Cell;
            use std::time::Instant;
            use webkit2gtk::{WebProcessTerminationReason as Why, WebViewExt};

            let last = Cell::new(None::<Instant>);
            platform
                .inner()
                .connect_web_process_terminated(move |view, why| {
                    let what = match why {
                        Why::Crashed => "crashed",
                        Why::ExceededMemoryLimit => "went over its memory limit",
                        // Ended on purpose through WebKit's API (this app never does).
                        Why::TerminatedByApi => return,
                        _ => "ended",
                    };
                    let soon = last.get().is_some_and(|t| t.elapsed() < RELOAD_GAP);
                    last.set(Some(Instant::now()));
                    if soon {
                        eprintln!(
                            "needlewise: the page's web process {what} again within \
                             {RELOAD_GAP:?}; not loading it again"
                        );
                    } else {
                        eprintln!(
                            "needlewise: the page's web process {what}; loading the page again"
                        );
                        view.reload();
                    }
                });
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
