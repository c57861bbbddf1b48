//! Shows notifications on a thread of its own, so the reminder loop waits for the
//! notification service only so long, and goes on (holding no lock) while it hangs
//! (issue 10, item 6). Jobs are shown one at a time, in order.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::Arc;
use std::time::Duration;

use needlewise_core::reminders::Notification;

use crate::notifier::Notifier;

/// What became of one notification: `Err` says why no server took it.
pub type Delivery = Result<(), String>;

struct Job {
    notification: Notification,
    reply: Sender<Delivery>,
    /// Set when the loop stopped waiting: the answer must then wake it.
    late: Arc<AtomicBool>,
}

/// A notification handed over; its answer comes on [`Answer::wait`] or, if it is late,
/// wakes the loop through the courier's `answered`.
pub struct Answer {
    answer: Receiver<Delivery>,
    late: Arc<AtomicBool>,
}

impl Answer {
    /// The answer within `wait`; `Err(Timeout)` marks it late, so it wakes the loop when it
    /// comes.
    pub fn wait(&self, wait: Duration) -> Result<Delivery, RecvTimeoutError> {
        match self.answer.recv_timeout(wait) {
            Err(RecvTimeoutError::Timeout) => {
                self.late.store(true, Ordering::SeqCst);
                // Answered between the timeout and the mark: the courier did not see the
                // mark, so take the answer now.
                self.try_take().map_err(|_| RecvTimeoutError::Timeout)
            }
            other => other,
        }
    }

    /// The answer if it has come.
    pub fn try_take(&self) -> Result<Delivery, TryRecvError> {
        self.answer.try_recv()
    }
}

pub struct Courier {
    jobs: Sender<Job>,
}

impl Courier {
    /// `answered` runs after a job whose answer the loop stopped waiting for, so the loop can
    /// record a late answer at once (and only then: a wake for an answer already taken is a
    /// pass for nothing).
    pub fn start(notifier: Arc<dyn Notifier>, answered: impl Fn() + Send + 'static) -> Self {
        let (jobs, queue) = channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("notifications".into())
            .spawn(move || {
                for job in queue {
                    let _ = job.reply.send(notifier.send(&job.notification));
                    if job.late.load(Ordering::SeqCst) {
                        answered();
                    }
                }
            });
        if let Err(e) = spawned {
            eprintln!("needlewise: notifications cannot be shown ({e})");
        }
        Courier { jobs }
    }

    /// Hand `n` over (its answer is disconnected if the courier's thread is gone).
    pub fn send(&self, notification: Notification) -> Answer {
        let (reply, answer) = channel();
        let late = Arc::new(AtomicBool::new(false));
        let _ = self.jobs.send(Job {
            notification,
            reply,
            late: late.clone(),
        });
        Answer { answer, late }
    }
}
