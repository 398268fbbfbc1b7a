//! Running an external program (typst, pdftotext, soffice) with a time limit.

use std::process::{Child, ExitStatus};
use std::time::Duration;

/// How a program ended.
pub enum Waited {
    /// It exited, with its standard error.
    Done(ExitStatus, String),
    /// It ran past the limit and was killed.
    TimedOut,
}

/// Waits for `child` (spawned with a piped stderr) at most `timeout`, killing it after.
/// Standard error is drained on a thread so that a chatty program cannot block on a full
/// pipe; its end (the program exiting closes the pipe) is what we wait for: a blocking wait
/// with a timeout rather than polling the child every few milliseconds.
pub fn wait_with_timeout(child: &mut Child, timeout: Duration) -> std::io::Result<Waited> {
    let mut stderr = child.stderr.take();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = std::io::Read::read_to_string(e, &mut s);
        }
        let _ = done.send(());
        s
    });
    if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(timeout) {
        let _ = child.kill();
        let _ = child.wait();
        return Ok(Waited::TimedOut);
    }
    let status = child.wait()?;
    Ok(Waited::Done(status, reader.join().unwrap_or_default()))
}
