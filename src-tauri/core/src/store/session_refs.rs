//! Acting on a session someone was shown (in the window, a notification or the tray):
//! a projected session is stored the moment it is acted on. Here once, so the window and
//! the background process mark sessions alike.

use crate::error::{CoreError, Result};
use crate::reminders::SessionRef;
use crate::schedule;
use crate::session::{NewSession, Session, SessionStatus};
use crate::state::RoutineState;

use super::Store;

impl Store {
    /// The stored session behind `r`, storing a projected one first.
    pub fn resolve_session(&self, st: &RoutineState, r: &SessionRef) -> Result<Session> {
        if let Some(id) = r.id {
            let s = self.sessions().get(id)?;
            if s.kind != r.kind || s.date != r.date {
                return Err(CoreError::Conflict(
                    "that session has changed since it was shown; reload and try again".into(),
                ));
            }
            return Ok(s);
        }
        let projected = schedule::sessions_between(st, r.date, r.date)
            .into_iter()
            .find(|s| s.kind == r.kind && s.id.is_none())
            .ok_or_else(|| {
                CoreError::invalid(
                    "session",
                    format!("no {} session is planned on {}", r.kind.label(), r.date),
                )
            })?;
        self.sessions().insert(NewSession {
            kind: projected.kind,
            date: projected.date,
            time: projected.time,
        })
    }

    /// "Done" on a reminder about `r`: a planned session becomes done (anything else is
    /// left as the person last set it).
    pub fn mark_done(&self, r: &SessionRef) -> Result<()> {
        self.transaction(|tx| {
            let st = tx
                .load_state()?
                .ok_or_else(|| CoreError::Conflict("Needlewise is not set up yet".into()))?;
            let s = tx.resolve_session(&st, r)?;
            if s.status == SessionStatus::Planned {
                tx.sessions().set_status(s.id, &SessionStatus::Done)?;
            }
            Ok(())
        })
    }
}
