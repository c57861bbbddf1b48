//! Everything the routine logic reads, loaded from the store in one piece.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::checkin::CheckIn;
use crate::product::ClassifiedProduct;
use crate::profile::Profile;
use crate::routine::{Placement, Tick};
use crate::session::Session;
use crate::settings::Settings;

/// A snapshot of stored state; core functions take it with `now` and the time zone.
#[derive(Clone, Debug)]
pub struct RoutineState {
    pub profile: Profile,
    pub settings: Settings,
    /// Sorted by date, then id.
    pub sessions: Vec<Session>,
    /// Sorted by session id, then day (see [`RoutineState::sort`]).
    pub products: Vec<ClassifiedProduct>,
    pub checkins: Vec<CheckIn>,
    /// Days the person marked as spent outdoors (reapply-SPF reminders).
    pub outdoor_days: BTreeSet<NaiveDate>,
    /// Days progress photos were taken (the photo reminder counts from the last).
    pub photo_days: BTreeSet<NaiveDate>,
    /// Each placed product's step and usage (GUIDANCE §8); unplaced products are unsorted.
    pub placements: Vec<Placement>,
    /// The routine steps ticked as done, by date (a routine reminder whose routine is done
    /// is no longer pending).
    pub ticks: Vec<Tick>,
}

impl RoutineState {
    pub fn new(profile: Profile, settings: Settings) -> Self {
        RoutineState {
            profile,
            settings,
            sessions: Vec::new(),
            products: Vec::new(),
            checkins: Vec::new(),
            outdoor_days: BTreeSet::new(),
            photo_days: BTreeSet::new(),
            placements: Vec::new(),
            ticks: Vec::new(),
        }
    }

    /// Put sessions in date order and check-ins in session order, which every
    /// function relies on (check-ins are looked up by binary search).
    pub fn sort(&mut self) {
        self.sessions.sort_by_key(|s| (s.date, s.time, s.id));
        self.checkins.sort_by_key(|c| (c.session_id, c.day));
        self.placements.sort_by_key(Placement::order);
    }
}
