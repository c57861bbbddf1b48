//! Repository behaviour on an in-memory store. File handling (creation, permissions,
//! refusal of foreign files, migrations of real files) is in `tests/store_files.rs`.

use chrono::{NaiveDate, NaiveTime};

use super::*;
use crate::checkin::{DayAfter, Flags, NewCheckIn, Severity};
use crate::guidance::SessionKind;
use crate::product::NewProduct;
use crate::profile::tests::at_home_profile;
use crate::profile::PostponeCondition;
use crate::session::{NewSession, SessionId, SessionStatus};
use crate::settings::Settings;
use crate::units::Days;

fn store() -> Store {
    Store::open_in_memory().unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
}

fn at(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

fn new_session(d: u32, h: u32) -> NewSession {
    NewSession {
        kind: SessionKind::AtHome,
        date: day(d),
        time: at(h),
    }
}

fn new_checkin(session: SessionId, d: u16, redness: Severity) -> NewCheckIn {
    NewCheckIn {
        session_id: session,
        day: DayAfter::new(d).unwrap(),
        redness,
        irritation: Severity::None,
        flags: Flags::default(),
        note: String::new(),
    }
}

fn entry(key: &str, d: u32, outcome: ReminderOutcome) -> LedgerEntry {
    let t = |h: u32| {
        format!("2026-03-{d:02}T{h:02}:00:00.123Z")
            .parse::<chrono::DateTime<chrono::Utc>>()
            .unwrap()
    };
    LedgerEntry {
        key: key.into(),
        kind: crate::reminders::ReminderKind::SessionPrep,
        date: day(d),
        outcome,
        scheduled_for: t(20),
        recorded_at: t(21),
    }
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn in_memory_store_is_current_with_foreign_keys_on() {
    let s = store();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(s.path(), None);
    let fk: bool = s
        .conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert!(fk);
}

#[test]
fn profile_round_trip_and_validation() {
    let s = store();
    assert_eq!(s.profile().get().unwrap(), None);
    let p = at_home_profile(0.25);
    s.profile().save(&p).unwrap();
    assert_eq!(s.profile().get().unwrap(), Some(p.clone()));
    let mut bad = p.clone();
    bad.at_home = None;
    assert_eq!(s.profile().save(&bad).unwrap_err().kind(), "invalid");
    assert_eq!(
        s.profile().get().unwrap(),
        Some(p),
        "refused save changed nothing"
    );
}

#[test]
fn settings_default_round_trip_and_validation() {
    let s = store();
    assert_eq!(s.settings().get().unwrap(), Settings::default());
    let mut changed = Settings {
        daily_spf: false,
        ..Settings::default()
    };
    changed.times.book_next_after = Days(10);
    s.settings().save(&changed).unwrap();
    assert_eq!(s.settings().get().unwrap(), changed);
    let mut bad = changed.clone();
    bad.times.book_next_after = Days(0);
    assert!(s.settings().save(&bad).is_err());
    assert_eq!(s.settings().get().unwrap(), changed);
}

#[test]
fn wizard_progress_save_resume_clear() {
    let s = store();
    assert_eq!(s.wizard().get().unwrap(), None);
    let first = WizardProgress {
        step: 2,
        draft: serde_json::json!({"mode": "atHome", "atHome": {"needle": 0.25}}),
    };
    s.wizard().save(&first).unwrap();
    assert_eq!(s.wizard().get().unwrap(), Some(first));
    let later = WizardProgress {
        step: 3,
        draft: serde_json::json!({"mode": "both"}),
    };
    s.wizard().save(&later).unwrap();
    assert_eq!(s.wizard().get().unwrap(), Some(later));
    s.wizard().clear().unwrap();
    s.wizard().clear().unwrap();
    assert_eq!(s.wizard().get().unwrap(), None);
}

#[test]
fn sessions_insert_get_list_sorted_update_delete() {
    let s = store();
    let late = s.sessions().insert(new_session(10, 19)).unwrap();
    let early = s.sessions().insert(new_session(3, 19)).unwrap();
    let same_day_earlier = s.sessions().insert(new_session(10, 9)).unwrap();
    assert_eq!(late.status, SessionStatus::Planned);
    assert_eq!(s.sessions().get(late.id).unwrap(), late);
    let order: Vec<_> = s.sessions().list().unwrap().iter().map(|x| x.id).collect();
    assert_eq!(order, vec![early.id, same_day_earlier.id, late.id]);

    let postponed = SessionStatus::Postponed {
        because: PostponeCondition::SkinFlare,
    };
    let updated = s.sessions().set_status(early.id, &postponed).unwrap();
    assert_eq!(updated.status, postponed);
    let moved = s.sessions().reschedule(early.id, day(5), at(20)).unwrap();
    assert_eq!((moved.date, moved.time), (day(5), at(20)));
    assert_eq!(moved.status, postponed);

    let mut edited = moved.clone();
    edited.consult_cleared = true;
    edited.note = "saw the dermatologist".into();
    edited.status = SessionStatus::Done;
    s.sessions().update(&edited).unwrap();
    assert_eq!(s.sessions().get(early.id).unwrap(), edited);

    s.sessions().delete(late.id).unwrap();
    assert_eq!(s.sessions().list().unwrap().len(), 2);
}

#[test]
fn unknown_ids_are_not_found() {
    let s = store();
    let missing = SessionId(42);
    let is_missing = |e: CoreError, what: &str| {
        assert!(
            matches!(e, CoreError::NotFound { what: w, id: 42 } if w == what),
            "{e:?}"
        )
    };
    is_missing(s.sessions().get(missing).unwrap_err(), "session");
    is_missing(
        s.sessions()
            .set_status(missing, &SessionStatus::Done)
            .unwrap_err(),
        "session",
    );
    is_missing(
        s.sessions().reschedule(missing, day(1), at(1)).unwrap_err(),
        "session",
    );
    is_missing(s.sessions().delete(missing).unwrap_err(), "session");
    let pid = crate::product::ProductId(42);
    is_missing(s.products().get(pid).unwrap_err(), "product");
    is_missing(s.products().delete(pid).unwrap_err(), "product");
    is_missing(
        s.products()
            .update(
                pid,
                NewProduct {
                    name: "x".into(),
                    inci: String::new(),
                },
            )
            .unwrap_err(),
        "product",
    );
    is_missing(
        s.checkins()
            .add(new_checkin(missing, 1, Severity::Mild))
            .unwrap_err(),
        "session",
    );
    is_missing(
        s.checkins()
            .delete(crate::checkin::CheckInId(42))
            .unwrap_err(),
        "check-in",
    );
    assert_eq!(count(&s, "checkins"), 0);
}

#[test]
fn products_validated_round_trip_and_classified() {
    let s = store();
    let added = s
        .products()
        .add(NewProduct {
            name: "  Night serum ".into(),
            inci: " Aqua, Retinol ".into(),
        })
        .unwrap();
    assert_eq!(added.name, "Night serum");
    assert_eq!(added.inci, "Aqua, Retinol");
    assert_eq!(s.products().get(added.id).unwrap(), added);
    assert!(s
        .products()
        .add(NewProduct {
            name: "   ".into(),
            inci: String::new(),
        })
        .is_err());
    let updated = s
        .products()
        .update(
            added.id,
            NewProduct {
                name: "Serum".into(),
                inci: "Aqua".into(),
            },
        )
        .unwrap();
    assert_eq!(s.products().list().unwrap(), vec![updated.clone()]);
    let classified = s.products().classified().unwrap();
    assert_eq!(classified.len(), 1);
    assert_eq!(classified[0].product, updated);
    s.products().delete(updated.id).unwrap();
    assert!(s.products().list().unwrap().is_empty());
}

#[test]
fn checkins_round_trip_and_same_day_replaces() {
    let s = store();
    let session = s.sessions().insert(new_session(1, 19)).unwrap();
    let mut first = new_checkin(session.id, 1, Severity::Moderate);
    first.flags.swelling = true;
    first.note = "warm".into();
    let stored = s.checkins().add(first).unwrap();
    assert_eq!(s.checkins().get(stored.id).unwrap(), stored);

    let correction = new_checkin(session.id, 1, Severity::Mild);
    let replaced = s.checkins().add(correction).unwrap();
    assert_eq!(replaced.id, stored.id, "a correction keeps the id");
    assert_eq!(s.checkins().get(stored.id).unwrap(), replaced);
    assert!(!replaced.flags.swelling);

    let day2 = s
        .checkins()
        .add(new_checkin(session.id, 2, Severity::None))
        .unwrap();
    assert_eq!(
        s.checkins().for_session(session.id).unwrap(),
        vec![replaced.clone(), day2.clone()]
    );
    assert_eq!(s.checkins().list().unwrap(), vec![replaced, day2.clone()]);
    s.checkins().delete(day2.id).unwrap();
    assert_eq!(count(&s, "checkins"), 1);
}

#[test]
fn deleting_a_session_cascades_to_its_checkins() {
    let s = store();
    let a = s.sessions().insert(new_session(1, 19)).unwrap();
    let b = s.sessions().insert(new_session(8, 19)).unwrap();
    s.checkins()
        .add(new_checkin(a.id, 0, Severity::Mild))
        .unwrap();
    s.checkins()
        .add(new_checkin(a.id, 1, Severity::Mild))
        .unwrap();
    let kept = s
        .checkins()
        .add(new_checkin(b.id, 0, Severity::None))
        .unwrap();
    s.sessions().delete(a.id).unwrap();
    assert_eq!(s.checkins().list().unwrap(), vec![kept]);
}

#[test]
fn outdoor_days_toggle() {
    let s = store();
    assert!(s.outdoor_days().add(day(4)).unwrap());
    assert!(!s.outdoor_days().add(day(4)).unwrap());
    assert!(s.outdoor_days().add(day(2)).unwrap());
    assert_eq!(
        s.outdoor_days()
            .list()
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        vec![day(2), day(4)]
    );
    assert!(s.outdoor_days().remove(day(4)).unwrap());
    assert!(!s.outdoor_days().remove(day(4)).unwrap());
    assert_eq!(s.outdoor_days().list().unwrap().len(), 1);
}

#[test]
fn ledger_refuses_a_second_record_of_the_same_key() {
    let s = store();
    let e = entry("prep:2026-03-01:1", 1, ReminderOutcome::Sent);
    assert!(!s.ledger().is_recorded(&e.key).unwrap());
    s.ledger().record(&e).unwrap();
    assert!(s.ledger().is_recorded(&e.key).unwrap());
    let again = entry("prep:2026-03-01:1", 1, ReminderOutcome::Missed);
    match s.ledger().record(&again) {
        Err(CoreError::AlreadyRecorded(k)) => assert_eq!(k, e.key),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        s.ledger().get(&e.key).unwrap(),
        Some(e),
        "first record kept"
    );
    assert_eq!(
        s.ledger()
            .record(&entry(" ", 1, ReminderOutcome::Sent))
            .unwrap_err()
            .kind(),
        "invalid"
    );
}

#[test]
fn ledger_lists_by_date_and_missed() {
    let s = store();
    for (k, d, o) in [
        ("c", 5, ReminderOutcome::Sent),
        ("a", 1, ReminderOutcome::Missed),
        ("b", 3, ReminderOutcome::Sent),
        ("d", 9, ReminderOutcome::Missed),
    ] {
        s.ledger().record(&entry(k, d, o)).unwrap();
    }
    let keys = |v: Vec<LedgerEntry>| v.into_iter().map(|e| e.key).collect::<Vec<_>>();
    assert_eq!(
        keys(s.ledger().between(day(1), day(5)).unwrap()),
        ["a", "b", "c"]
    );
    assert_eq!(keys(s.ledger().between(day(2), day(4)).unwrap()), ["b"]);
    assert_eq!(keys(s.ledger().missed().unwrap()), ["a", "d"]);
    let round = s.ledger().get("a").unwrap().unwrap();
    assert_eq!(round, entry("a", 1, ReminderOutcome::Missed));
}

#[test]
fn check_and_record_in_one_transaction() {
    let s = store();
    let e = entry("spf:2026-03-02", 2, ReminderOutcome::Sent);
    let mut sent = 0;
    for _ in 0..2 {
        s.transaction(|tx| {
            if !tx.ledger().is_recorded(&e.key)? {
                sent += 1;
                tx.ledger().record(&e)?;
            }
            Ok::<_, CoreError>(())
        })
        .unwrap();
    }
    assert_eq!(sent, 1);
}

#[test]
fn a_failed_transaction_keeps_nothing_and_the_store_stays_usable() {
    let s = store();
    let err = s
        .transaction(|tx| {
            tx.sessions().insert(new_session(1, 19))?;
            tx.outdoor_days().add(day(1))?;
            Err::<(), _>(CoreError::Conflict("stop before the second write".into()))
        })
        .unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert_eq!(count(&s, "sessions"), 0);
    assert_eq!(count(&s, "outdoor_days"), 0);
    assert!(s.conn.is_autocommit());
    s.sessions().insert(new_session(1, 19)).unwrap();
}

#[test]
fn a_panicking_transaction_keeps_nothing() {
    let s = store();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = s.transaction(|tx| {
            tx.sessions().insert(new_session(1, 19))?;
            panic!("crash between two writes");
            #[allow(unreachable_code)]
            tx.outdoor_days().add(day(1)).map(|_| ())
        });
    }));
    assert!(result.is_err());
    assert_eq!(count(&s, "sessions"), 0);
    assert!(s.conn.is_autocommit());
}

#[test]
fn inner_failure_rolls_back_only_the_inner_part() {
    let s = store();
    s.transaction(|tx| {
        tx.sessions().insert(new_session(1, 19))?;
        // A failing repository call inside a transaction undoes only its own work…
        let inner = tx.transaction(|tx2| {
            tx2.outdoor_days().add(day(1))?;
            Err::<(), _>(CoreError::Conflict("no".into()))
        });
        assert!(inner.is_err());
        Ok::<_, CoreError>(())
    })
    .unwrap();
    // …and the outer one commits the rest.
    assert_eq!(count(&s, "sessions"), 1);
    assert_eq!(count(&s, "outdoor_days"), 0);
}

#[test]
fn load_state_is_none_before_a_profile_then_everything() {
    let s = store();
    assert!(s.load_state().unwrap().is_none());
    let p = at_home_profile(0.25);
    s.profile().save(&p).unwrap();
    let b = s.sessions().insert(new_session(9, 19)).unwrap();
    let a = s.sessions().insert(new_session(2, 19)).unwrap();
    s.checkins()
        .add(new_checkin(a.id, 1, Severity::Mild))
        .unwrap();
    s.products()
        .add(NewProduct {
            name: "Cleanser".into(),
            inci: "Aqua".into(),
        })
        .unwrap();
    s.outdoor_days().add(day(3)).unwrap();
    let state = s.load_state().unwrap().unwrap();
    assert_eq!(state.profile, p);
    assert_eq!(state.settings, Settings::default());
    assert_eq!(
        state.sessions.iter().map(|x| x.id).collect::<Vec<_>>(),
        vec![a.id, b.id]
    );
    assert_eq!(state.checkins.len(), 1);
    assert_eq!(state.products.len(), 1);
    assert!(state.outdoor_days.contains(&day(3)));
    assert!(s.conn.is_autocommit());
}

#[test]
fn unreadable_rows_are_errors_not_panics() {
    let s = store();
    s.conn
        .execute(
            "INSERT INTO sessions (kind, date, time, status) VALUES ('atHome', 'soon', '19:00:00', 'planned')",
            [],
        )
        .unwrap();
    assert_eq!(s.sessions().list().unwrap_err().kind(), "storage");
    s.conn
        .execute("INSERT INTO profile (id, json) VALUES (1, '{')", [])
        .unwrap();
    assert_eq!(s.profile().get().unwrap_err().kind(), "data");
}

mod routine {
    use super::*;
    use crate::product::ProductId;
    use crate::routine::{Part, Placement, RoutineStep, Tick, Usage, When};

    fn serum(s: &Store) -> ProductId {
        s.products()
            .add(NewProduct {
                name: "Retinol Serum".into(),
                inci: "Aqua, Retinol".into(),
            })
            .unwrap()
            .id
    }

    fn placement(id: ProductId, position: u32) -> Placement {
        let usage = Usage::on(When::Pm, &[1, 3, 5]).unwrap();
        Placement {
            position,
            ..Placement::new(id, RoutineStep::Serum, usage)
        }
    }

    fn tick(d: u32) -> Tick {
        Tick {
            date: day(d),
            part: Part::Evening,
            step: RoutineStep::Serum,
        }
    }

    #[test]
    fn placements_round_trip_move_and_follow_their_product() {
        let s = store();
        let a = serum(&s);
        let b = serum(&s);
        s.routine().place(&placement(a, 2)).unwrap();
        s.routine().place(&placement(b, 1)).unwrap();
        let order: Vec<_> = s
            .routine()
            .placements()
            .unwrap()
            .iter()
            .map(|p| p.product_id)
            .collect();
        assert_eq!(order, vec![b, a], "the person's order within the step");
        let mut moved = placement(a, 0);
        moved.step = RoutineStep::FaceOil;
        s.routine().place(&moved).unwrap();
        assert!(s.routine().placements().unwrap().contains(&moved));
        s.products().delete(a).unwrap();
        assert_eq!(s.routine().placements().unwrap(), vec![placement(b, 1)]);
        s.routine().unplace(b).unwrap();
        assert_eq!(s.routine().unplace(b).unwrap_err().kind(), "notFound");
    }

    #[test]
    fn placing_an_unknown_product_is_not_found_and_changes_nothing() {
        let s = store();
        let err = s.routine().place(&placement(ProductId(99), 0)).unwrap_err();
        assert_eq!(err.kind(), "notFound");
        assert!(s.routine().placements().unwrap().is_empty());
    }

    #[test]
    fn a_duplicate_tick_is_refused_and_changes_nothing() {
        let s = store();
        s.routine().tick(&tick(2)).unwrap();
        let err = s.routine().tick(&tick(2)).unwrap_err();
        assert_eq!(err.kind(), "alreadyTicked");
        assert!(err.to_string().contains("already ticked"), "{err}");
        assert_eq!(s.routine().all_ticks().unwrap(), vec![tick(2)]);
        s.routine().untick(&tick(2)).unwrap();
        assert_eq!(s.routine().untick(&tick(2)).unwrap_err().kind(), "conflict");
        assert!(s
            .routine()
            .ticks_between(day(1), day(31))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn the_state_carries_placements_and_stored_bad_values_are_errors() {
        let s = store();
        s.profile().save(&at_home_profile(0.25)).unwrap();
        let a = serum(&s);
        s.routine().place(&placement(a, 0)).unwrap();
        assert_eq!(
            s.load_state().unwrap().unwrap().placements,
            vec![placement(a, 0)]
        );
        s.conn
            .execute("UPDATE product_placements SET step = 'toothpaste'", [])
            .unwrap();
        assert_eq!(s.routine().placements().unwrap_err().kind(), "storage");
        // The schema itself refuses weekdays outside the week.
        assert!(s
            .conn
            .execute("UPDATE product_placements SET weekdays = 0", [])
            .is_err());
    }
}
