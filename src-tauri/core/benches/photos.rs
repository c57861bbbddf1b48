//! Adding a progress photo (issue 13): a 12-megapixel JPEG decoded, stripped, re-encoded,
//! thumbnailed and stored should take under a second on a laptop.

use std::io::Cursor;

use criterion::{criterion_group, criterion_main, Criterion};
use image::{ImageFormat, Rgb, RgbImage};
use needlewise_core::fixtures::date;
use needlewise_core::photo::{self, Area, PhotoFolder, PhotoInfo};
use needlewise_core::store::Store;

/// A 4000 × 3000 JPEG with texture everywhere (a smooth gradient would compress and decode
/// unrealistically fast).
fn twelve_megapixels() -> Vec<u8> {
    let mut seed = 0x2545_F491_u32;
    let img = RgbImage::from_fn(4000, 3000, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let grain = (seed & 0x1F) as u8;
        Rgb([
            (x / 16) as u8 ^ grain,
            (y / 12) as u8 ^ grain,
            ((x + y) / 28) as u8 ^ grain,
        ])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

fn bench(c: &mut Criterion) {
    let jpeg = twelve_megapixels();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("needlewise.db");
    let store = Store::open(&db).unwrap();
    let folder = PhotoFolder::beside(&db);
    let info = PhotoInfo {
        taken_on: date(2026, 11, 29),
        area: Area::WholeFace,
        note: String::new(),
    };
    let mut group = c.benchmark_group("photos");
    group.sample_size(10);
    group.bench_function(
        "add a 12 MP JPEG (decode, strip, re-encode, thumbnail, store)",
        |b| b.iter(|| photo::add(&store, &folder, "IMG.jpg", &jpeg, info.clone()).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
