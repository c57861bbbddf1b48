//! The laptop camera for progress photos (issue 13): the webview may use it, and only it,
//! and only for our own page. Microphone, screen, location and every other permission are
//! refused, so a page that somehow got into the window could not listen or look around.

use tauri::webview::{PermissionKind, PermissionResponse};
use tauri::{Runtime, Url, Webview, WebviewWindow};

/// Set (to anything) to give the webview WebKitGTK's mock capture devices instead of real
/// cameras: a test-only WebKit setting, used by the end-to-end tests under Xvfb.
#[cfg(target_os = "linux")]
pub const MOCK_ENV: &str = "NEEDLEWISE_MOCK_CAMERA";

/// The answer to the webview's permission request `kind`, made from the page's address.
pub fn answer(page: Option<&Url>, kind: PermissionKind) -> PermissionResponse {
    match (kind, page) {
        (PermissionKind::Camera, Some(url)) if is_ours(url) => PermissionResponse::Allow,
        _ => PermissionResponse::Deny,
    }
}

pub fn on_request<R: Runtime>(webview: Webview<R>, kind: PermissionKind) -> PermissionResponse {
    answer(webview.url().ok().as_ref(), kind)
}

/// Our bundled page: `tauri://localhost` (Linux, macOS) or `http://tauri.localhost`
/// (Windows), whatever the path.
fn is_ours(url: &Url) -> bool {
    matches!(
        (url.scheme(), url.host_str()),
        ("tauri", Some("localhost")) | ("http" | "https", Some("tauri.localhost"))
    )
}

/// Let the page ask for the camera at all: WebKitGTK exposes `navigator.mediaDevices` only
/// with media streams enabled. WebView2 and WKWebView have them on and ask through the
/// permission handler above.
pub fn enable<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let mock = std::env::var_os(MOCK_ENV).is_some();
        let _ = window.with_webview(move |platform| {
            use webkit2gtk::{SettingsExt, WebViewExt};
            if let Some(settings) = platform.inner().settings() {
                settings.set_enable_media_stream(true);
                settings.set_enable_mock_capture_devices(mock);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn only_the_camera_and_only_for_our_page() {
        let allow = |page: &str, kind| answer(Some(&url(page)), kind);
        assert!(matches!(
            allow("tauri://localhost/index.html", PermissionKind::Camera),
            PermissionResponse::Allow
        ));
        assert!(matches!(
            allow("http://tauri.localhost/", PermissionKind::Camera),
            PermissionResponse::Allow
        ));
        for page in [
            "https://example.com/",
            "http://localhost:1430/",
            "tauri://evil.example/",
            "photo://localhost/1",
        ] {
            assert!(
                matches!(
                    allow(page, PermissionKind::Camera),
                    PermissionResponse::Deny
                ),
                "{page}"
            );
        }
        for kind in [
            PermissionKind::Microphone,
            PermissionKind::DisplayCapture,
            PermissionKind::Geolocation,
            PermissionKind::Notifications,
            PermissionKind::Other,
        ] {
            assert!(matches!(
                allow("tauri://localhost/", kind),
                PermissionResponse::Deny
            ));
        }
        assert!(matches!(
            answer(None, PermissionKind::Camera),
            PermissionResponse::Deny
        ));
    }
}
