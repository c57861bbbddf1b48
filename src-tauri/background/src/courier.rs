//! Shows notifications on a thread of its own, so the reminder loop waits for the
//! notification service only so long, and goes on (holding no lock) while it hangs
//! (issue 10, item 6). Jobs are shown one at a time, in order.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;

use needlewise_core::reminders::Notification;

use crate::notifier::Notifier;

/// What became of one notification: `Err` says why no server took it.
pub type Delivery = Result<(), String>;

struct Job {
    notification: Notification,
    reply: Sender<Delivery>,
}

pub struct Courier {
    jobs: Sender<Job>,
}

impl Courier {
    /// `answered` runs after every job, so the loop can record a late answer at once.
    pub fn start(notifier: Arc<dyn Notifier>, answered: impl Fn() + Send + 'static) -> Self {
        let (jobs, queue) = channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("notifications".into())
            .spawn(move || {
                for job in queue {
                    let _ = job.reply.send(notifier.send(&job.notification));
                    answered();
                }
            });
        if let Err(e) = spawned {
            eprintln!("needlewise: notifications cannot be shown ({e})");
        }
        Courier { jobs }
    }

    /// Hand `n` over; the answer arrives on the returned channel (disconnected if the
    /// courier's thread is gone).
    pub fn send(&self, notification: Notification) -> Receiver<Delivery> {
        let (reply, answer) = channel();
        let _ = self.jobs.send(Job {
            notification,
            reply,
        });
        answer
    }
}
