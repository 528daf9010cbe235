#ifndef CCS_CPSEUDOTERMINAL_H
#define CCS_CPSEUDOTERMINAL_H
#include <sys/types.h>

/// Starts `path` (argv, envp: NULL-terminated) in `directory` on a new pseudo-terminal that is its
/// controlling terminal, so that Ctrl-C typed into it becomes SIGINT as on a real terminal.
/// Returns the child's pid and stores the terminal's master descriptor in *master; -1 on failure.
pid_t ccs_spawn_on_pseudo_terminal(const char *path, char *const argv[], char *const envp[], const char *directory,
                                   unsigned short rows, unsigned short columns, int *master);
#endif
