#include "CInterrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

static int watch_pipe[2] = {-1, -1};
static int prompt_pipe[2] = {-1, -1};
static struct sigaction previous_action;
static int installed = 0;
static int prompt_interrupted = 0;
static atomic_int cell_counter = 0;
static atomic_int running_cell = -1;

_Static_assert(ATOMIC_INT_LOCK_FREE == 2, "the handler needs lock-free atomics");

static void on_interrupt(int signal_number) {
    (void)signal_number;
    int saved = errno;
    int cell = atomic_load(&running_cell);
    unsigned char byte = cell < 0 ? 0 : (unsigned char)cell;
    ssize_t ignored = write(cell < 0 ? prompt_pipe[1] : watch_pipe[1], &byte, 1);
    (void)ignored;
    errno = saved;
}

void ccs_interrupt_forget_pending(void) {
    char buffer[64];
    if (prompt_pipe[0] < 0) return;
    while (read(prompt_pipe[0], buffer, sizeof buffer) > 0) {
    }
}

int ccs_interrupt_cell_started(void) {
    int cell = (atomic_fetch_add(&cell_counter, 1) + 1) & 0xFF;
    atomic_store(&running_cell, cell);
    return cell;
}

void ccs_interrupt_cell_finished(void) {
    atomic_store(&running_cell, -1);
    ccs_interrupt_forget_pending();
}

int ccs_interrupt_running_cell(void) { return atomic_load(&running_cell); }

static int set_flags(int fd, int blocking) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    if (fcntl(fd, F_SETFL, blocking ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK)) < 0) return -1;
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int ccs_interrupt_install(void) {
    if (installed) return 0;
    if (pipe(watch_pipe) < 0) return -1;
    if (pipe(prompt_pipe) < 0) return -1;
    // The handler must never block; the watcher blocks on its end; the reader polls its end.
    if (set_flags(watch_pipe[0], 1) < 0 || set_flags(watch_pipe[1], 0) < 0 || set_flags(prompt_pipe[0], 0) < 0 ||
        set_flags(prompt_pipe[1], 0) < 0)
        return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocking read returns EINTR
    if (sigaction(SIGINT, &action, &previous_action) < 0) return -1;
    installed = 1;
    return 0;
}

void ccs_interrupt_uninstall(void) {
    if (!installed) return;
    sigaction(SIGINT, &previous_action, NULL);
    installed = 0;
}

int ccs_interrupt_watch_descriptor(void) { return watch_pipe[0]; }


int ccs_interrupt_take_prompt_interrupt(void) {
    int was = prompt_interrupted;
    prompt_interrupted = 0;
    return was;
}

/// One byte of standard input: 1, 0 at end of input, -1 on an error, -2 when interrupted.
static int read_byte(unsigned char *byte) {
    for (;;) {
        struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {prompt_pipe[0], POLLIN, 0}};
        int count = poll(fds, prompt_pipe[0] >= 0 ? 2 : 1, -1);
        if (count < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (prompt_pipe[0] >= 0 && (fds[1].revents & POLLIN)) {
            ccs_interrupt_forget_pending();
            return -2;
        }
        if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
            ssize_t n = read(STDIN_FILENO, byte, 1);
            if (n == 1) return 1;
            if (n == 0) return 0;
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
    }
}

int ccs_interrupt_read_character(EditLine *el, wchar_t *character) {
    (void)el;
    unsigned char first;
    *character = 0;
    int status = read_byte(&first);
    if (status == -2) {
        prompt_interrupted = 1;
        errno = EINTR;
        return -1;
    }
    if (status != 1) return status;
    int length = first < 0x80 ? 1 : (first & 0xE0) == 0xC0 ? 2 : (first & 0xF0) == 0xE0 ? 3 : (first & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0) {  // a stray continuation byte or an invalid lead byte
        *character = 0xFFFD;
        return 1;
    }
    wchar_t value = length == 1 ? first : first & (0x7F >> length);
    for (int k = 1; k < length; k++) {
        unsigned char next;
        status = read_byte(&next);
        if (status == -2) {
            prompt_interrupted = 1;
            errno = EINTR;
            return -1;
        }
        if (status != 1) return status;
        if ((next & 0xC0) != 0x80) {
            *character = 0xFFFD;
            return 1;
        }
        value = (value << 6) | (next & 0x3F);
    }
    *character = value;
    return 1;
}
