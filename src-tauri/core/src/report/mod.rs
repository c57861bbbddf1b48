//! "Prepare for your appointment" (issue 13, item 5): one PDF with what a professional
//! asks about — who and how, the sessions, each session's check-ins, holds and gates,
//! the current products, and the first and latest photo of each area.

mod pdf;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::checkin::{self, CheckIn};
use crate::error::Result;
use crate::guidance::SessionKind;
use crate::photo::{Area, Photo, PhotoFolder, Variant};
use crate::profile::{Consultation, HoldCause, Profile};
use crate::schedule;
use crate::session::{Session, SessionStatus};
use crate::state::RoutineState;
use pdf::Pages;

/// The report's title, in the file's metadata and each page's footer.
pub const TITLE: &str = "Needlewise record for your appointment";

/// The PDF. `photos`: every stored photo (their files are read from `folder`); `today`
/// dates the report.
pub fn build(
    state: &RoutineState,
    photos: &[Photo],
    folder: &PhotoFolder,
    today: NaiveDate,
) -> Result<Vec<u8>> {
    lay_out(state, photos, folder, today)?.finish(TITLE)
}

/// How many pages the report has (for tests and the window's progress text).
pub fn page_count(
    state: &RoutineState,
    photos: &[Photo],
    folder: &PhotoFolder,
    today: NaiveDate,
) -> Result<usize> {
    Ok(lay_out(state, photos, folder, today)?.page_count())
}

fn lay_out(
    state: &RoutineState,
    photos: &[Photo],
    folder: &PhotoFolder,
    today: NaiveDate,
) -> Result<Pages> {
    let mut p = Pages::new()?;
    p.paragraph(TITLE, 20.0, 0.0, false);
    p.paragraph(
        &format!(
            "Prepared on {}. Routine guidance from the Needlewise app, not medical advice.",
            long(today)
        ),
        9.5,
        0.0,
        true,
    );
    who_and_how(&mut p, state);
    sessions(&mut p, state);
    checkins(&mut p, state);
    safety(&mut p, &state.profile);
    products(&mut p, state);
    routine_weeks(&mut p, state, today);
    photo_pairs(&mut p, photos, folder)?;
    Ok(p)
}

fn long(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A serde key ("coldSore") as words ("cold sore").
fn words<T: serde::Serialize>(value: &T) -> String {
    let key = serde_json::to_value(value)
        .ok()
        .and_then(|v| {
            v.as_str()
                .map(str::to_string)
                .or_else(|| v.get("status").and_then(|s| s.as_str()).map(str::to_string))
        })
        .unwrap_or_default();
    let mut out = String::new();
    for c in key.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn who_and_how(p: &mut Pages, state: &RoutineState) {
    let profile = &state.profile;
    p.heading("Who and how");
    p.paragraph(
        &format!("Sessions: {}.", words(&profile.mode)),
        10.5,
        0.0,
        false,
    );
    if let Some(home) = &profile.at_home {
        p.paragraph(
            &format!(
                "At home: a {} with {} needles.",
                home.device.label(),
                home.needle
            ),
            10.5,
            0.0,
            false,
        );
    }
    if let Some(pro) = &profile.professional {
        let needle = pro
            .needle
            .map_or("depth not known".to_string(), |n| format!("{n} needles"));
        let clinic = if pro.clinic.trim().is_empty() {
            "a clinic".to_string()
        } else {
            pro.clinic.clone()
        };
        p.paragraph(
            &format!("With a professional: {clinic}, {needle}."),
            10.5,
            0.0,
            false,
        );
    }
    let consultation = match profile.consultation {
        Consultation::Done => "has had a consultation",
        Consultation::Booked => "has a consultation booked",
        Consultation::NotYet { .. } => "has not had a consultation yet",
    };
    p.paragraph(&format!("The person {consultation}."), 10.5, 0.0, false);
    for kind in [SessionKind::AtHome, SessionKind::Professional] {
        let Some(interval) = schedule::interval_state(state, kind) else {
            continue;
        };
        p.paragraph(
            &format!(
                "Interval between {} sessions: {} now (started at {}).",
                kind.label(),
                interval.current,
                interval.base
            ),
            10.5,
            0.0,
            false,
        );
        for change in &interval.changes {
            p.paragraph(
                &format!(
                    "After {}: {} → {} ({}).",
                    long(change.session_date),
                    change.from,
                    change.to,
                    change.reason
                ),
                9.5,
                14.0,
                true,
            );
        }
    }
}

fn depth(profile: &Profile, s: &Session) -> String {
    let needle = match s.kind {
        SessionKind::AtHome => profile.at_home.as_ref().map(|h| h.needle),
        SessionKind::Professional => profile.professional.as_ref().and_then(|p| p.needle),
    };
    needle.map_or_else(|| "depth not recorded".into(), |n| format!("{n}"))
}

fn sessions(p: &mut Pages, state: &RoutineState) {
    p.heading("Sessions");
    if state.sessions.is_empty() {
        p.paragraph("None recorded yet.", 10.5, 0.0, true);
    }
    for s in &state.sessions {
        let why = match &s.status {
            SessionStatus::Postponed { because } => format!(": {}", because.explain()),
            _ => String::new(),
        };
        p.paragraph(
            &format!(
                "{} · {} · {} · {}{why}",
                long(s.date),
                s.kind.label(),
                s.status.label(),
                depth(&state.profile, s)
            ),
            10.5,
            0.0,
            false,
        );
    }
}

fn checkins(p: &mut Pages, state: &RoutineState) {
    let done: Vec<&Session> = state
        .sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Done)
        .collect();
    if done.is_empty() {
        return;
    }
    p.heading("Skin after each session");
    p.paragraph(
        "Worst of redness and irritation on each day checked (bar height: none, mild, moderate, severe).",
        9.5,
        0.0,
        true,
    );
    for s in done {
        let of: Vec<&CheckIn> = state
            .checkins
            .iter()
            .filter(|c| c.session_id == s.id)
            .collect();
        let response = words(&checkin::response(&of));
        let label = format!("{} ({response})", s.date.format("%-d %b %Y"));
        if of.is_empty() {
            p.paragraph(&format!("{label}: no check-ins."), 9.5, 12.0, false);
            continue;
        }
        let days: Vec<(u16, u8)> = of.iter().map(|c| (c.day.get(), c.worst() as u8)).collect();
        p.bars(&label, &days);
        for c in of.iter().filter(|c| !c.note.trim().is_empty()) {
            p.paragraph(
                &format!("Day {}: {}", c.day.get(), c.note.trim()),
                9.0,
                24.0,
                true,
            );
        }
    }
}

fn safety(p: &mut Pages, profile: &Profile) {
    p.heading("Health answers and holds");
    let gates: Vec<String> = profile.safety.gates.iter().map(words).collect();
    if gates.is_empty() {
        p.paragraph(
            "No health answer needed a professional's word.",
            10.5,
            0.0,
            false,
        );
    } else {
        let acknowledged: Vec<String> = profile.safety.acknowledged.iter().map(words).collect();
        p.paragraph(
            &format!(
                "Answers that need a professional's word: {}.",
                gates.join(", ")
            ),
            10.5,
            0.0,
            false,
        );
        p.paragraph(
            &format!(
                "Acknowledged: {}.",
                if acknowledged.is_empty() {
                    "none".into()
                } else {
                    acknowledged.join(", ")
                }
            ),
            10.5,
            0.0,
            false,
        );
    }
    if profile.safety.cold_sore_history {
        p.paragraph("History of cold sores.", 10.5, 0.0, false);
    }
    for hold in &profile.safety.holds {
        let what = match hold.cause {
            HoldCause::Condition(c) => words(&c),
            HoldCause::Procedure(pr) => words(&pr),
        };
        let until = hold
            .until
            .map_or("ongoing".to_string(), |u| format!("until {}", long(u)));
        p.paragraph(
            &format!("Hold: {what}, from {} {until}.", long(hold.since)),
            10.5,
            0.0,
            false,
        );
    }
}

fn products(p: &mut Pages, state: &RoutineState) {
    p.heading("Products in use");
    if state.products.is_empty() {
        p.paragraph("None entered.", 10.5, 0.0, true);
    }
    for cp in &state.products {
        let classes: Vec<String> = cp.classification.classes.iter().map(words).collect();
        let what = if classes.is_empty() {
            "no active class recognised".to_string()
        } else {
            classes.join(", ")
        };
        p.paragraph(&format!("{} — {what}", cp.product.name), 10.5, 0.0, false);
        if !cp.product.inci.trim().is_empty() {
            p.paragraph(&cp.product.inci, 8.5, 14.0, true);
        }
    }
}

/// Weeks of the everyday routine shown in the report (issue 14, item 4).
const ROUTINE_WEEKS: u8 = 8;

/// How consistently the everyday routine was followed, week by week, once it has products.
fn routine_weeks(p: &mut Pages, state: &RoutineState, today: NaiveDate) {
    if state.placements.is_empty() {
        return;
    }
    let Ok(weeks) = crate::routine::consistency(state, &state.ticks, today, ROUTINE_WEEKS) else {
        return;
    };
    p.heading("Everyday routine");
    for w in weeks.iter().filter(|w| w.routines > 0) {
        p.paragraph(
            &format!(
                "Week of {}: {} of {} routines complete; sunscreen ticked on {} of {} days.",
                w.week_start.format("%-d %b %Y"),
                w.completed,
                w.routines,
                w.sunscreen_days,
                w.days
            ),
            10.0,
            0.0,
            false,
        );
    }
}

/// The first and the latest photo of each area, side by side.
fn photo_pairs(p: &mut Pages, photos: &[Photo], folder: &PhotoFolder) -> Result<()> {
    let mut by_area: BTreeMap<Area, Vec<&Photo>> = BTreeMap::new();
    for photo in photos {
        by_area.entry(photo.info.area).or_default().push(photo);
    }
    if by_area.is_empty() {
        return Ok(());
    }
    p.heading("Photos: first and latest of each area");
    for (area, mut list) in by_area {
        list.sort_by_key(|ph| (ph.info.taken_on, ph.id));
        let mut chosen = vec![list[0]];
        if let Some(last) = list.last().filter(|l| l.id != list[0].id) {
            chosen.push(last);
        }
        let mut row = Vec::new();
        for ph in chosen {
            let Ok(jpeg) = std::fs::read(folder.path(ph.id, Variant::Full)) else {
                p.paragraph(
                    &format!("{}: the picture file is missing.", long(ph.info.taken_on)),
                    9.5,
                    12.0,
                    true,
                );
                continue;
            };
            let caption = format!("{}, {}", capitalised(&words(&area)), long(ph.info.taken_on));
            row.push((caption, ph.width, ph.height, Arc::new(jpeg)));
        }
        if !row.is_empty() {
            p.photos(&row);
        }
    }
    Ok(())
}
