//! `phuluc`: with no arguments (or just a report file) it opens the window; with a
//! command (`phuluc check FILE`) it works on the command line.

// No console window behind the GUI on Windows; the command line attaches to the
// console it was started from (see `attach_console`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let file = match args.len() {
        1 => None,
        2 if !args[1].to_string_lossy().starts_with('-')
            && std::path::Path::new(&args[1]).is_file() =>
        {
            Some(std::path::PathBuf::from(&args[1]))
        }
        _ => {
            attach_console();
            return phuluc::cli::run(args);
        }
    };
    match phuluc::gui::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            attach_console();
            eprintln!("Không mở được cửa sổ chương trình (đồ hoạ): {e}");
            eprintln!("Các lệnh dòng lệnh vẫn dùng được: phuluc --help");
            ExitCode::FAILURE
        }
    }
}

/// On Windows a GUI-subsystem program has no console; when started from a
/// terminal for a command, write to that terminal.
#[cfg(windows)]
fn attach_console() {
    const ATTACH_PARENT_PROCESS: u32 = u32::MAX;
    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn AttachConsole(process_id: u32) -> i32;
    }
    // SAFETY: AttachConsole has no preconditions; failure (no parent console) is harmless.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
