//! A fix step's timer as a plain state machine, ticked once a second by the UI. A hold timer
//! starts with a short count-in (3, 2, 1) so both hands can be on the button before the hold
//! begins; the events tell the UI when to buzz and beep ("press now", "let go").
use crate::kb::{Timer, TimerKind};

/// Seconds of count-in before a hold.
pub const COUNT_IN_S: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerPhase {
    /// Not started.
    Ready,
    /// Counting in: seconds until the hold begins.
    CountIn(u32),
    /// Running: seconds left.
    Running(u32),
    Finished,
}

/// What the UI should signal (vibration, sound) as the timer moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerEvent {
    /// The count-in is over: press (hold timers only).
    Go,
    /// Time is up: let go, or look again.
    Finished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimerRun {
    pub timer: Timer,
    pub phase: TimerPhase,
}

impl TimerRun {
    pub fn new(timer: Timer) -> TimerRun {
        TimerRun { timer, phase: TimerPhase::Ready }
    }

    /// A hold starts by itself when its step is shown; waits start when the person says so.
    pub fn starts_by_itself(&self) -> bool {
        self.timer.kind == TimerKind::Hold
    }

    /// (Re)starts from the beginning: a hold with its count-in, a wait at once.
    pub fn start(&mut self) {
        self.phase = match self.timer.kind {
            TimerKind::Hold => TimerPhase::CountIn(COUNT_IN_S),
            TimerKind::Wait | TimerKind::WaitUpTo => TimerPhase::Running(self.timer.seconds.max(1)),
        };
    }

    pub fn is_running(&self) -> bool {
        matches!(self.phase, TimerPhase::CountIn(_) | TimerPhase::Running(_))
    }

    /// One second passed.
    pub fn tick(&mut self) -> Option<TimerEvent> {
        let (phase, event) = match self.phase {
            TimerPhase::CountIn(n) if n > 1 => (TimerPhase::CountIn(n - 1), None),
            TimerPhase::CountIn(_) => (TimerPhase::Running(self.timer.seconds.max(1)), Some(TimerEvent::Go)),
            TimerPhase::Running(n) if n > 1 => (TimerPhase::Running(n - 1), None),
            TimerPhase::Running(_) => (TimerPhase::Finished, Some(TimerEvent::Finished)),
            other => (other, None),
        };
        self.phase = phase;
        event
    }
}
