#ifndef CCS_CINTERRUPT_H
#define CCS_CINTERRUPT_H
#include <histedit.h>
#include <wchar.h>

// Ctrl-C for the REPL. The SIGINT handler only writes one byte to a pipe (write(2) and lock-free
// atomics are async-signal-safe): while a cell runs, to the pipe a watcher thread reads to raise the
// cell's StopFlag (the byte names the cell, so a late reader never stops the next one); otherwise to
// the pipe the line reader polls, which then gives up the line being edited.

/// Installs the SIGINT handler (without SA_RESTART). 0 on success, -1 with errno set.
int ccs_interrupt_install(void);

/// Restores the previous SIGINT disposition.
void ccs_interrupt_uninstall(void);

/// The read end that receives one byte per SIGINT (blocking), or -1 before installing.
int ccs_interrupt_watch_descriptor(void);

/// A cell starts: Ctrl-C now stops it. Returns the cell's number (mod 256), which the watcher reads.
int ccs_interrupt_cell_started(void);

/// The cell returned: Ctrl-C now belongs to the line reader; interrupts meant for the prompt that
/// came while the cell ran are forgotten.
void ccs_interrupt_cell_finished(void);

/// Forgets interrupts meant for the prompt that came before it was shown.
void ccs_interrupt_forget_pending(void);

/// The running cell's number (mod 256), or -1 between cells.
int ccs_interrupt_running_cell(void);

/// Whether the last failed read of `ccs_interrupt_read_character` was an interrupt (and clears it).
int ccs_interrupt_take_prompt_interrupt(void);

/// libedit's character reader (EL_GETCFN): UTF-8 from standard input, returning -1 as soon as a
/// SIGINT arrives so that el_gets gives up the line.
int ccs_interrupt_read_character(EditLine *el, wchar_t *character);

#endif
