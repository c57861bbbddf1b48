//! Issue 10, item 5: stored or imported data at the edges of what Needlewise accepts
//! (years 1900 to 2200, the bounds included) never makes a core entry point panic —
//! the reminder pass least of all, since a panic there ends reminders silently. Nor does
//! data at the ends of chrono's own calendar, which an import could store before the
//! bounds were checked: every date computation is checked or saturating.

use std::collections::BTreeSet;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use needlewise_core::checkin::{CheckIn, CheckInId, DayAfter, Flags, Severity};
use needlewise_core::guidance::{CareWindows, SessionKind, CARE_LIMITS};
use needlewise_core::profile::{
    AtHomeSetup, Consultation, DeviceKind, Gate, Location, Mode, PostponeCondition, Procedure,
    ProfessionalSetup, Profile, QuietHours, Safety, Sensitivity,
};
use needlewise_core::session::{Session, SessionId, SessionStatus};
use needlewise_core::settings::Settings;
use needlewise_core::state::RoutineState;
use needlewise_core::store::Store;
use needlewise_core::units::{Days, Hours, Millimetres, MAX_DATE, MIN_DATE};
use needlewise_core::{clock, dispatch, ics, plan, reminders, schedule, sun, transfer};
use proptest::prelude::*;

/// The dates a case is drawn from: Needlewise's accepted range, or chrono's whole calendar
/// (data that slipped past the boundary, e.g. a database written before it existed).
#[derive(Clone, Copy, Debug)]
struct Bounds {
    lo: NaiveDate,
    hi: NaiveDate,
}

const ACCEPTED: Bounds = Bounds {
    lo: MIN_DATE,
    hi: MAX_DATE,
};
const CALENDAR: Bounds = Bounds {
    lo: NaiveDate::MIN,
    hi: NaiveDate::MAX,
};

/// A date as days from the case's anchor, kept inside the case's bounds.
#[derive(Clone, Copy, Debug)]
struct At(i64);

fn arb_at() -> impl Strategy<Value = At> {
    prop_oneof![Just(At(0)), (-60i64..60).prop_map(At)]
}

/// Where a case's dates gather: on a bound, just inside one, or anywhere between (for
/// the whole calendar, only near its ends: centuries of projected sessions are slow).
fn arb_anchor(b: Bounds) -> BoxedStrategy<NaiveDate> {
    let near = prop_oneof![
        Just(b.lo),
        Just(b.hi),
        (0i64..40).prop_map(move |n| b.lo + Duration::days(n)),
        (0i64..40).prop_map(move |n| b.hi - Duration::days(n)),
    ];
    if b.lo == MIN_DATE {
        let span = (b.hi - b.lo).num_days();
        prop_oneof![near, (0..=span).prop_map(move |n| b.lo + Duration::days(n))].boxed()
    } else {
        near.boxed()
    }
}

fn resolve(at: At, anchor: NaiveDate, b: Bounds) -> NaiveDate {
    let d = if at.0 >= 0 {
        anchor.checked_add_days(chrono::Days::new(at.0 as u64))
    } else {
        anchor.checked_sub_days(chrono::Days::new(at.0.unsigned_abs()))
    };
    d.unwrap_or(if at.0 >= 0 { b.hi } else { b.lo })
        .clamp(b.lo, b.hi)
}

fn arb_time() -> impl Strategy<Value = NaiveTime> {
    prop_oneof![
        Just(NaiveTime::MIN),
        Just(NaiveTime::from_hms_opt(23, 59, 59).unwrap()),
        (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    ]
}

/// Zones with the widest offsets, half hours, odd DST rules and the usual test zones.
const ZONES: [Tz; 8] = [
    chrono_tz::UTC,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Pacific::Kiritimati,
    chrono_tz::Etc::GMTPlus12,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Asia::Kathmandu,
    chrono_tz::America::Santiago,
];

#[derive(Clone, Debug)]
enum HoldSpec {
    Condition(usize, At, Option<At>),
    Procedure(bool, At),
}

fn arb_hold() -> impl Strategy<Value = HoldSpec> {
    prop_oneof![
        (0usize..5, arb_at(), prop::option::of(arb_at()))
            .prop_map(|(c, since, cleared)| HoldSpec::Condition(c, since, cleared)),
        (any::<bool>(), arb_at()).prop_map(|(peel, on)| HoldSpec::Procedure(peel, on)),
    ]
}

#[derive(Clone, Debug)]
struct SessionSpec {
    at: At,
    pro: bool,
    time: NaiveTime,
    status: u8,
    cleared: bool,
}

fn arb_session() -> impl Strategy<Value = SessionSpec> {
    (arb_at(), any::<bool>(), arb_time(), 0u8..8, any::<bool>()).prop_map(
        |(at, pro, time, status, cleared)| SessionSpec {
            at,
            pro,
            time,
            status,
            cleared,
        },
    )
}

#[derive(Clone, Debug)]
struct CheckInSpec {
    session: usize,
    day: u16,
    redness: u8,
    irritation: u8,
    flags: u8,
}

fn arb_checkin() -> impl Strategy<Value = CheckInSpec> {
    (
        0usize..12,
        0u16..=DayAfter::MAX,
        0u8..4,
        0u8..4,
        any::<u8>(),
    )
        .prop_map(|(session, day, redness, irritation, flags)| CheckInSpec {
            session,
            day,
            redness,
            irritation,
            flags,
        })
}

/// Everything a case stores.
#[derive(Clone, Debug)]
struct Spec {
    bounds: Bounds,
    anchor: NaiveDate,
    mode: u8,
    home_mm: u16,
    pro_mm: Option<u16>,
    interval_at_max: (Option<bool>, Option<bool>),
    created_on: At,
    head_since: Option<At>,
    acknowledged_on: Option<At>,
    gates: bool,
    consultation: u8,
    cold_sores: bool,
    session_time: NaiveTime,
    location: Option<(f64, f64)>,
    sessions: Vec<SessionSpec>,
    checkins: Vec<CheckInSpec>,
    holds: Vec<HoldSpec>,
    outdoor: Vec<At>,
    times: Vec<NaiveTime>,
    quiet: (NaiveTime, NaiveTime),
    lead: u16,
    book_next: u16,
    care: Vec<u16>,
    daily_spf: bool,
    pause: Option<(At, NaiveTime)>,
}

fn arb_spec(bounds: Bounds) -> impl Strategy<Value = Spec> {
    let profile = (
        arb_anchor(bounds),
        0u8..3,
        1u16..=50,
        prop::option::of(1u16..=300),
        (
            prop::option::of(any::<bool>()),
            prop::option::of(any::<bool>()),
        ),
        arb_at(),
        prop::option::of(arb_at()),
        prop::option::of(arb_at()),
        any::<bool>(),
        0u8..4,
        any::<bool>(),
        arb_time(),
    );
    let location = prop::option::of(prop_oneof![
        Just((90.0, 180.0)),
        Just((-90.0, -180.0)),
        (-90.0f64..=90.0, -180.0f64..=180.0),
    ]);
    let data = (
        prop::collection::vec(arb_session(), 0..8),
        prop::collection::vec(arb_checkin(), 0..10),
        prop::collection::vec(arb_hold(), 0..4),
        prop::collection::vec(arb_at(), 0..4),
    );
    let settings = (
        prop::collection::vec(arb_time(), 9),
        (arb_time(), arb_time()),
        1u16..=12,
        1u16..=28,
        prop::collection::vec(0u16..=100, 16),
        any::<bool>(),
        prop::option::of((arb_at(), arb_time())),
    );
    (profile, location, data, settings).prop_map(move |(p, location, data, s)| Spec {
        bounds,
        anchor: p.0,
        mode: p.1,
        home_mm: p.2,
        pro_mm: p.3,
        interval_at_max: p.4,
        created_on: p.5,
        head_since: p.6,
        acknowledged_on: p.7,
        gates: p.8,
        consultation: p.9,
        cold_sores: p.10,
        session_time: p.11,
        location,
        sessions: data.0,
        checkins: data.1,
        holds: data.2,
        outdoor: data.3,
        times: s.0,
        quiet: s.1,
        lead: s.2,
        book_next: s.3,
        care: s.4,
        daily_spf: s.5,
        pause: s.6,
    })
}

impl Spec {
    fn date(&self, at: At) -> NaiveDate {
        resolve(at, self.anchor, self.bounds)
    }
}

fn severity(n: u8) -> Severity {
    [
        Severity::None,
        Severity::Mild,
        Severity::Moderate,
        Severity::Severe,
    ][usize::from(n % 4)]
}

fn status(n: u8) -> SessionStatus {
    match n {
        0..=2 => SessionStatus::Planned,
        3 | 4 => SessionStatus::Done,
        5 => SessionStatus::Skipped,
        _ => SessionStatus::Postponed {
            because: PostponeCondition::ALL[usize::from(n) % 5],
        },
    }
}

fn interval(kind: SessionKind, mm: u16, at_max: Option<bool>) -> Option<Days> {
    let rule =
        needlewise_core::guidance::interval_rule(kind, Millimetres::from_hundredths(mm)).ok()?;
    at_max.map(|max| if max { rule.max } else { rule.min })
}

fn profile(spec: &Spec) -> Profile {
    let at = |a: At| spec.date(a);
    let mode = [Mode::AtHome, Mode::Professional, Mode::Both][usize::from(spec.mode)];
    let mut safety = Safety {
        cold_sore_history: spec.cold_sores,
        ..Safety::default()
    };
    if spec.gates {
        safety.gates.insert(Gate::PregnancyOrBreastfeeding);
        if spec.acknowledged_on.is_some() {
            safety.acknowledged = safety.gates.clone();
        }
    }
    safety.acknowledged_on = spec.acknowledged_on.map(at);
    for h in &spec.holds {
        match *h {
            HoldSpec::Condition(c, since, cleared) => {
                let c = PostponeCondition::ALL[c];
                safety.add_condition(c, at(since));
                if let Some(cleared) = cleared {
                    let _ = safety.clear_condition(c, at(cleared));
                }
            }
            HoldSpec::Procedure(peel, on) => {
                let p = if peel {
                    Procedure::PeelOrLaser
                } else {
                    Procedure::Injections
                };
                safety.add_procedure(p, at(on));
            }
        }
    }
    Profile {
        mode,
        at_home: Some(AtHomeSetup {
            device: DeviceKind::Pen,
            needle: Millimetres::from_hundredths(spec.home_mm),
            head_since: spec.head_since.map(at),
            interval: interval(SessionKind::AtHome, spec.home_mm, spec.interval_at_max.0),
        }),
        professional: Some(ProfessionalSetup {
            clinic: "Clinic".into(),
            needle: spec.pro_mm.map(Millimetres::from_hundredths),
            interval: spec
                .pro_mm
                .and_then(|mm| interval(SessionKind::Professional, mm, spec.interval_at_max.1)),
        }),
        concerns: BTreeSet::new(),
        sensitivity: Sensitivity::Normal,
        consultation: match spec.consultation {
            0 => Consultation::Done,
            1 => Consultation::Booked,
            c => Consultation::NotYet { remind: c == 3 },
        },
        safety,
        session_time: spec.session_time,
        location: spec
            .location
            .map(|(lat, lon)| Location::new(None, lat, lon).unwrap()),
        created_on: at(spec.created_on),
    }
}

/// Care windows from the case's numbers, kept when they validate (else the defaults).
fn care(values: &[u16]) -> (CareWindows, CareWindows) {
    let mut a = serde_json::to_value(CareWindows::AT_HOME).unwrap();
    let mut p = serde_json::to_value(CareWindows::PROFESSIONAL).unwrap();
    for (i, l) in CARE_LIMITS.iter().enumerate() {
        let span = l.max - l.floor + 1;
        let home = l.floor + values[i] % span;
        a[l.key] = home.into();
        p[l.key] = (home + values[i + 8] % (l.max - home + 1)).into();
    }
    let pair = (
        serde_json::from_value(a).unwrap(),
        serde_json::from_value(p).unwrap(),
    );
    match CareWindows::validate_pair(&pair.0, &pair.1) {
        Ok(()) => pair,
        Err(_) => (CareWindows::AT_HOME, CareWindows::PROFESSIONAL),
    }
}

fn settings(spec: &Spec, tz: Tz) -> Settings {
    let mut s = Settings::default();
    let t = &spec.times;
    s.times.book_consultation = t[0];
    s.times.pre_pause_start = t[1];
    s.times.session_prep = t[2];
    s.times.professional_morning = t[3];
    s.times.post_care = t[4];
    s.times.checkin = t[5];
    s.times.spf = t[6];
    s.times.replace_head = t[7];
    s.times.professional_lead = Hours(spec.lead);
    s.times.book_next_after = Days(spec.book_next);
    s.quiet_hours = QuietHours::new(spec.quiet.0, spec.quiet.1).unwrap_or(QuietHours::DEFAULT);
    (s.at_home, s.professional) = care(&spec.care);
    s.daily_spf = spec.daily_spf;
    s.paused_until = spec
        .pause
        .map(|(a, time)| clock::at(spec.date(a), time, tz));
    s
}

fn state(spec: &Spec, tz: Tz) -> RoutineState {
    let profile = profile(spec);
    let mut st = RoutineState::new(profile, settings(spec, tz));
    for (i, s) in spec.sessions.iter().enumerate() {
        let kind = match st.profile.mode {
            Mode::AtHome => SessionKind::AtHome,
            Mode::Professional => SessionKind::Professional,
            Mode::Both if s.pro => SessionKind::Professional,
            Mode::Both => SessionKind::AtHome,
        };
        st.sessions.push(Session {
            id: SessionId(i as i64 + 1),
            kind,
            date: spec.date(s.at),
            time: s.time,
            status: status(s.status),
            consult_cleared: s.cleared,
            note: String::new(),
        });
    }
    let mut seen = BTreeSet::new();
    for (i, c) in spec.checkins.iter().enumerate() {
        if st.sessions.is_empty() || !seen.insert((c.session % st.sessions.len(), c.day)) {
            continue;
        }
        let f = c.flags;
        st.checkins.push(CheckIn {
            id: CheckInId(i as i64 + 1),
            session_id: SessionId((c.session % st.sessions.len()) as i64 + 1),
            day: DayAfter::new(c.day).unwrap(),
            redness: severity(c.redness),
            irritation: severity(c.irritation),
            flags: Flags {
                swelling: f & 1 != 0,
                bleeding: f & 2 != 0,
                bumps: f & 4 != 0,
                spreading_redness: f & 8 != 0,
                warmth_or_pus: f & 16 != 0,
                fever: f & 32 != 0,
            },
            note: String::new(),
        });
    }
    st.outdoor_days = spec.outdoor.iter().map(|a| spec.date(*a)).collect();
    st.sort();
    st
}

/// Every pure entry point, on `date` and around it, with the clock reading `now`.
fn every_entry_point(st: &RoutineState, date: NaiveDate, now: DateTime<Utc>, tz: Tz) {
    let today = clock::local_date(now, tz);
    let _ = clock::day_span(date, tz);
    let p = plan::daily_plan(st, date, tz);
    let _ = serde_json::to_string(&p).unwrap();
    let _ = plan::head_replacement_due(st, date);
    let near = |k: u16| (Days(k).before(date), Days(k).after(date));
    let (from, to) = near(20);
    let _ = schedule::sessions_between(st, from, to);
    let _ = schedule::next_session(st, date);
    let _ = schedule::preview(st, date, 5);
    for kind in [SessionKind::AtHome, SessionKind::Professional] {
        let _ = schedule::interval_state(st, kind);
        let _ = schedule::check_date(st, kind, date, None, today);
        let _ = schedule::check_date(st, kind, date, Some(SessionId(1)), date);
    }
    if let Some(h) = schedule::hold(st) {
        let _ = h.message();
    }
    if let Some(h) = schedule::hold_on(st, date) {
        let _ = h.message();
    }
    let (from, to) = near(3);
    let occ = reminders::occurrences(st, from, to, tz);
    let _ = reminders::next_fire_after(&occ, now);
    for o in &occ {
        let _ = reminders::still_pending(st, o, now, tz);
    }
    let tr = reminders::triage(st, occ.clone(), now, tz, |_| false);
    let late = occ.last().map_or(now, |o| o.fire_at.max(now));
    let tr_late = reminders::triage(st, occ, late, tz, |_| false);
    for (t, at) in [(tr, now), (tr_late, late)] {
        if let Some(n) = reminders::merge(&t.send, at, tz) {
            let snooze = reminders::snooze(&n, at, tz);
            let _ = snooze.occurrence(st, tz);
        }
    }
    if let Some(loc) = &st.profile.location {
        let _ = sun::sun_day(date, loc, tz);
    }
    let _ = ics::calendar(st, today, tz, now);
}

/// Stores the state as the app would (whatever the store accepts), runs reminder passes
/// around `now`, and takes an export through a file's text and back into a new store.
fn through_the_store(st: &RoutineState, now: DateTime<Utc>, tz: Tz) {
    let store = Store::open_in_memory().unwrap();
    if store.profile().save(&st.profile).is_err() {
        // The profile's own dates are checked on saving; keep the rest of the data extreme.
        let mut p = st.profile.clone();
        p.created_on = p.created_on.clamp(MIN_DATE, MAX_DATE);
        p.safety.holds.clear();
        p.safety.acknowledged_on = None;
        if let Some(home) = &mut p.at_home {
            home.head_since = None;
        }
        if store.profile().save(&p).is_err() {
            return;
        }
    }
    let _ = store.settings().save(&st.settings);
    let mut ids = std::collections::HashMap::new();
    for s in &st.sessions {
        let Ok(stored) = store
            .sessions()
            .insert(needlewise_core::session::NewSession {
                kind: s.kind,
                date: s.date,
                time: s.time,
            })
        else {
            continue;
        };
        let _ = store.sessions().set_status(stored.id, &s.status);
        ids.insert(s.id, stored.id);
    }
    for c in &st.checkins {
        let _ = store.checkins().add(needlewise_core::checkin::NewCheckIn {
            session_id: ids[&c.session_id],
            day: c.day,
            redness: c.redness,
            irritation: c.irritation,
            flags: c.flags,
            note: String::new(),
        });
    }
    for d in &st.outdoor_days {
        let _ = store.outdoor_days().add(*d);
    }
    let near = [Duration::zero(), Duration::hours(13), Duration::days(-3)];
    for at in near.into_iter().filter_map(|d| now.checked_add_signed(d)) {
        let _ = dispatch::tick(&store, at, tz, |_| Ok(()));
    }
    let Ok(export) = transfer::export(&store, now) else {
        return;
    };
    let text = serde_json::to_string(&export).unwrap();
    if let Ok(parsed) = transfer::parse(&text) {
        let other = Store::open_in_memory().unwrap();
        transfer::import(&other, &parsed).unwrap();
    }
}

/// Runs `f`, turning a panic into a failure that names the case.
fn no_panic(what: &str, f: impl FnOnce()) -> Result<(), TestCaseError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        TestCaseError::fail(format!("{what} panicked: {msg}"))
    })
}

/// The clock: minutes from midnight UTC of a date near the anchor, up to two days either
/// side (a clock can read a little past any bound).
fn arb_now() -> impl Strategy<Value = (At, i64)> {
    (arb_at(), -2880i64..2880)
}

fn instant(date: NaiveDate, minutes: i64) -> DateTime<Utc> {
    let midnight = date.and_time(NaiveTime::MIN).and_utc();
    midnight
        .checked_add_signed(Duration::minutes(minutes))
        .unwrap_or(midnight)
}

/// One case: every entry point on a date near the anchor and on the clock's own date,
/// then the store, the reminder pass and a round trip.
fn run(spec: &Spec, zone: usize, on: At, now: (At, i64)) -> Result<(), TestCaseError> {
    let tz = ZONES[zone];
    let st = state(spec, tz);
    let date = spec.date(on);
    let now = instant(spec.date(now.0), now.1);
    no_panic("an entry point", || every_entry_point(&st, date, now, tz))?;
    no_panic("an entry point on the clock's date", || {
        every_entry_point(&st, clock::local_date(now, tz), now, tz)
    })?;
    no_panic("the store", || through_the_store(&st, now, tz))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Stored data anywhere in 1900..=2200, the bounds included.
    #[test]
    fn no_entry_point_panics_on_accepted_dates(
        spec in arb_spec(ACCEPTED),
        zone in 0usize..ZONES.len(),
        on in arb_at(),
        now in arb_now(),
    ) {
        run(&spec, zone, on, now)?;
    }

    /// Dates at the ends of chrono's calendar (years -262143 and +262142), as an import
    /// before the bounds could leave them: still no panic.
    #[test]
    fn no_entry_point_panics_at_the_ends_of_the_calendar(
        spec in arb_spec(CALENDAR),
        zone in 0usize..ZONES.len(),
        on in arb_at(),
        now in arb_now(),
    ) {
        run(&spec, zone, on, now)?;
    }
}

/// A case with everything on one day.
fn all_on(bounds: Bounds, anchor: NaiveDate) -> Spec {
    let late = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
    let session = |pro, status| SessionSpec {
        at: At(0),
        pro,
        time: late,
        status,
        cleared: false,
    };
    Spec {
        bounds,
        anchor,
        mode: 2,
        home_mm: 50,
        pro_mm: Some(300),
        interval_at_max: (Some(true), Some(true)),
        created_on: At(0),
        head_since: Some(At(0)),
        acknowledged_on: None,
        gates: false,
        consultation: 3,
        cold_sores: true,
        session_time: late,
        location: Some((-45.0, 170.0)),
        sessions: vec![session(false, 0), session(true, 3)],
        checkins: vec![],
        holds: vec![HoldSpec::Procedure(true, At(0))],
        outdoor: vec![At(0)],
        times: vec![NaiveTime::from_hms_opt(23, 59, 0).unwrap(); 9],
        quiet: (
            NaiveTime::from_hms_opt(23, 0, 0).unwrap(),
            NaiveTime::from_hms_opt(1, 0, 0).unwrap(),
        ),
        lead: 12,
        book_next: 28,
        care: vec![100; 16],
        daily_spf: true,
        pause: None,
    }
}

/// The bounds themselves, everything on them, in every zone: plain cases that run every time.
#[test]
fn everything_on_the_first_or_last_day() {
    for (bounds, anchor) in [
        (ACCEPTED, MIN_DATE),
        (ACCEPTED, MAX_DATE),
        (CALENDAR, NaiveDate::MIN),
        (CALENDAR, NaiveDate::MAX),
    ] {
        let spec = all_on(bounds, anchor);
        for (zone, tz) in ZONES.iter().enumerate() {
            for minutes in [-2880, -1, 0, 1439, 2880] {
                run(&spec, zone, At(0), (At(0), minutes))
                    .unwrap_or_else(|e| panic!("{anchor} in {tz}: {e}"));
            }
        }
    }
}

/// Data at one bound and the clock at the other: three centuries of projected sessions.
/// (At-home only: with both kinds, projection checks every at-home date against every
/// professional one, and three centuries of that take seconds per call.)
#[test]
fn data_at_one_bound_and_the_clock_at_the_other() {
    let far = (MAX_DATE - MIN_DATE).num_days();
    for (anchor, there) in [(MIN_DATE, far), (MAX_DATE, -far)] {
        let spec = Spec {
            mode: 0,
            ..all_on(ACCEPTED, anchor)
        };
        run(&spec, 1, At(there), (At(there), 600)).unwrap();
    }
}
