//! A small page writer over krilla: lines of text that wrap, page breaks, severity bars
//! and photos, in A4 with an embedded font (DejaVu Sans, so the text is selectable and
//! searchable). Layout is done here, top-down; krilla draws.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document};

use crate::error::{CoreError, Result};

/// DejaVu Sans (Bitstream Vera licence, see data/fonts/LICENSE).
static FONT: &[u8] = include_bytes!("../../data/fonts/DejaVuSans.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

/// One thing drawn on a page, at a position already laid out.
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        grey: bool,
        text: String,
    },
    Bar {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        shade: u8,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        jpeg: Arc<Vec<u8>>,
    },
}

/// Lays content out from the top of the page down, starting new pages as it fills.
pub(crate) struct Pages {
    pages: Vec<Vec<Op>>,
    y: f32,
    face: ttf_parser::Face<'static>,
}

impl Pages {
    pub(crate) fn new() -> Result<Pages> {
        let face = ttf_parser::Face::parse(FONT, 0)
            .map_err(|e| CoreError::Conflict(format!("the report font is unusable: {e}")))?;
        Ok(Pages {
            pages: vec![Vec::new()],
            y: MARGIN,
            face,
        })
    }

    fn ensure(&mut self, height: f32) {
        if self.y + height > PAGE_H - MARGIN {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn push(&mut self, op: Op) {
        self.pages.last_mut().expect("a page").push(op);
    }

    fn width_of(&self, text: &str, size: f32) -> f32 {
        let per_em = f32::from(self.face.units_per_em());
        let units: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(per_em / 2.0, f32::from)
            })
            .sum();
        units * size / per_em
    }

    /// `text` wrapped to the width (less `indent`), at `size`.
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, indent: f32, grey: bool) {
        let line_height = size * 1.35;
        let max = WIDTH - indent;
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && self.width_of(&candidate, size) > max {
                self.text_line(std::mem::take(&mut line), size, indent, grey, line_height);
                line = word.to_string();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            self.text_line(line, size, indent, grey, line_height);
        }
    }

    fn text_line(&mut self, text: String, size: f32, indent: f32, grey: bool, height: f32) {
        self.ensure(height);
        self.y += height;
        let (x, y) = (MARGIN + indent, self.y - height * 0.25);
        self.push(Op::Text {
            x,
            y,
            size,
            grey,
            text,
        });
    }

    pub(crate) fn heading(&mut self, text: &str) {
        self.ensure(60.0); // never a heading alone at the foot of a page
        self.gap(8.0);
        self.paragraph(text, 15.0, 0.0, false);
        self.gap(2.0);
    }

    pub(crate) fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// A row of small bars, one per day after a session, by severity 0–3, labelled.
    pub(crate) fn bars(&mut self, label: &str, days: &[(u16, u8)]) {
        let h = 22.0;
        self.ensure(h + 6.0);
        let top = self.y + 4.0;
        let label_w = 150.0;
        self.push(Op::Text {
            x: MARGIN + 12.0,
            y: top + 14.0,
            size: 9.0,
            grey: false,
            text: label.to_string(),
        });
        for (i, (day, severity)) in days.iter().enumerate() {
            let x = MARGIN + 12.0 + label_w + i as f32 * 42.0;
            let bar = 4.0 + f32::from(*severity) * 5.0;
            self.push(Op::Bar {
                x,
                y: top + 18.0 - bar,
                w: 14.0,
                h: bar,
                shade: *severity,
            });
            self.push(Op::Text {
                x: x + 17.0,
                y: top + 16.0,
                size: 7.5,
                grey: true,
                text: format!("d{day}"),
            });
        }
        self.y += h + 6.0;
    }

    /// Photos side by side, each with a caption, scaled to fit a row.
    pub(crate) fn photos(&mut self, row: &[(String, u32, u32, Arc<Vec<u8>>)]) {
        let n = row.len().max(1) as f32;
        let gap = 12.0;
        let w = (WIDTH - 12.0 - gap * (n - 1.0)) / n;
        let h = row
            .iter()
            .map(|(_, pw, ph, _)| w * *ph as f32 / (*pw).max(1) as f32)
            .fold(0.0, f32::max)
            .min(260.0);
        self.ensure(h + 20.0);
        let top = self.y + 4.0;
        for (i, (caption, pw, ph, jpeg)) in row.iter().enumerate() {
            let scale = (w / *pw as f32).min(h / *ph as f32);
            let (iw, ih) = (*pw as f32 * scale, *ph as f32 * scale);
            let x = MARGIN + 12.0 + i as f32 * (w + gap);
            self.push(Op::Image {
                x,
                y: top,
                w: iw,
                h: ih,
                jpeg: jpeg.clone(),
            });
            self.push(Op::Text {
                x,
                y: top + h + 12.0,
                size: 9.0,
                grey: true,
                text: caption.clone(),
            });
        }
        self.y = top + h + 18.0;
    }

    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Draws every page; `title` goes in the document's metadata.
    pub(crate) fn finish(self, title: &str) -> Result<Vec<u8>> {
        let font = Font::new(Data::from(FONT.to_vec()), 0)
            .ok_or_else(|| CoreError::Conflict("the report font is unusable".into()))?;
        let mut document = Document::new();
        document.set_metadata(
            krilla::metadata::Metadata::new()
                .title(title.to_string())
                .creator("Needlewise".into()),
        );
        let total = self.pages.len();
        for (n, ops) in self.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| CoreError::Conflict("bad page size".into()))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            let footer = format!("{title} · page {} of {total}", n + 1);
            for op in ops.iter().chain(std::iter::once(&Op::Text {
                x: MARGIN,
                y: PAGE_H - MARGIN / 2.0,
                size: 8.0,
                grey: true,
                text: footer,
            })) {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        grey,
                        text,
                    } => {
                        let shade = if *grey { 90 } else { 20 };
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(shade, shade, shade).into(),
                            ..Default::default()
                        }));
                        surface.draw_text(
                            Point::from_xy(*x, *y),
                            font.clone(),
                            *size,
                            text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Op::Bar { x, y, w, h, shade } => {
                        let colour = match shade {
                            0 => rgb::Color::new(150, 190, 180),
                            1 => rgb::Color::new(230, 190, 90),
                            2 => rgb::Color::new(215, 122, 37),
                            _ => rgb::Color::new(163, 50, 42),
                        };
                        surface.set_fill(Some(Fill {
                            paint: colour.into(),
                            ..Default::default()
                        }));
                        let mut pb = PathBuilder::new();
                        if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                            pb.push_rect(rect);
                        }
                        if let Some(path) = pb.finish() {
                            surface.draw_path(&path);
                        }
                    }
                    Op::Image { x, y, w, h, jpeg } => {
                        let image = Image::from_jpeg(Data::from(jpeg.as_ref().clone()), true)
                            .map_err(|e| {
                                CoreError::Conflict(format!(
                                    "a photo could not be placed in the report: {e}"
                                ))
                            })?;
                        let size = Size::from_wh(*w, *h)
                            .ok_or_else(|| CoreError::Conflict("a photo has no size".into()))?;
                        surface.push_transform(&Transform::from_translate(*x, *y));
                        surface.draw_image(image, size);
                        surface.pop();
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| CoreError::Conflict(format!("the report could not be written: {e:?}")))
    }
}
