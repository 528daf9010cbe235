#ifndef CCS_CEDITLINE_SHIM_H
#define CCS_CEDITLINE_SHIM_H
// libedit's native interface (EditLine, History, Tokenizer).
#include <histedit.h>
#include <stdio.h>
#include <wchar.h>

// Swift cannot call C variadic functions (el_set, el_get, history) nor read C globals such as
// stdin under Swift 6's concurrency checking; these stateless wrappers do it for the REPL.

typedef char *(*ccs_prompt_function)(EditLine *);
typedef unsigned char (*ccs_editor_function)(EditLine *, int);
typedef int (*ccs_read_function)(EditLine *, wchar_t *);

/// An editor on the process's standard input, output and error.
static inline EditLine *ccs_el_init(const char *program) { return el_init(program, stdin, stdout, stderr); }

/// The prompt, with `ignore` bracketing non-printing sequences (colours) in it.
static inline int ccs_el_set_prompt(EditLine *el, ccs_prompt_function f, char ignore) {
    return el_set(el, EL_PROMPT_ESC, f, (int)ignore);
}

static inline int ccs_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }

/// Binds a key sequence (`^R`, `^I`) to an editor command.
static inline int ccs_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// Adds a named editor command implemented by `f`.
static inline int ccs_el_add_function(EditLine *el, const char *name, const char *help, ccs_editor_function f) {
    return el_set(el, EL_ADDFN, name, help, f);
}

static inline int ccs_el_set_client_data(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

static inline void *ccs_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

/// Replaces the function libedit reads characters with.
static inline int ccs_el_set_reader(EditLine *el, ccs_read_function f) { return el_set(el, EL_GETCFN, f); }

/// Puts the terminal in editing mode now (1), not only once the first key is read.
static inline int ccs_el_prepare_terminal(EditLine *el, int on) { return el_set(el, EL_PREP_TERM, on); }

static inline int ccs_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

static inline int ccs_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

/// Whether consecutive equal entries are kept once.
static inline int ccs_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

/// Enters a line; returns the event number of the newest entry (the line's, or the equal entry it
/// repeats when entries are unique), or -1.
static inline int ccs_history_enter(History *h, const char *line) {
    HistEvent event = {0, NULL};
    if (history(h, &event, H_ENTER, line) < 0 || history(h, &event, H_FIRST) < 0) return -1;
    return event.num;
}

/// Deletes the entry with this event number.
static inline int ccs_history_delete(History *h, int number) {
    HistEvent event;
    return history(h, &event, H_DEL, number);
}
#endif
