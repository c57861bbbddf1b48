//! `photo://localhost/<id>` and `photo://localhost/<id>/thumb` (on Windows
//! `http://photo.localhost/…`): how the window's `<img>` elements load stored photos.
//! Only a photo id maps to a file, so nothing else on disk can be read this way, and the
//! timeline's thumbnails load lazily, by the webview, without going through commands.

use needlewise_core::photo::{PhotoId, Variant};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext};

use crate::state::AppState;

pub const SCHEME: &str = "photo";

pub fn serve<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
) -> Response<Vec<u8>> {
    let Some(state) = ctx.app_handle().try_state::<AppState>() else {
        return status(StatusCode::SERVICE_UNAVAILABLE);
    };
    let Some((id, variant)) = parse(request.uri().path()) else {
        return status(StatusCode::NOT_FOUND);
    };
    let folder = state.photo_folder();
    match std::fs::read(folder.path(id, variant)) {
        Ok(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, "image/jpeg")
            .header(header::CACHE_CONTROL, "no-store")
            .body(bytes)
            .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)),
        Err(_) => status(StatusCode::NOT_FOUND),
    }
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut r = Response::new(Vec::new());
    *r.status_mut() = code;
    r
}

/// `/12` → photo 12, `/12/thumb` → its thumbnail; anything else is no photo.
fn parse(path: &str) -> Option<(PhotoId, Variant)> {
    let mut parts = path.trim_start_matches('/').split('/');
    let id = parts.next()?;
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let id = PhotoId(id.parse().ok()?);
    let variant = match parts.next() {
        None => Variant::Full,
        Some("thumb") => Variant::Thumb,
        Some(_) => return None,
    };
    parts.next().is_none().then_some((id, variant))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_photo_ids_name_files() {
        assert_eq!(parse("/12"), Some((PhotoId(12), Variant::Full)));
        assert_eq!(parse("/12/thumb"), Some((PhotoId(12), Variant::Thumb)));
        for bad in [
            "/",
            "/../needlewise.db",
            "/12/../../x",
            "/-1",
            "/12/full",
            "/1e3",
            "/12/thumb/x",
            "/%2e%2e",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
