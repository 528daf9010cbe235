#ifndef CCS_CEDITLINE_SHIM_H
#define CCS_CEDITLINE_SHIM_H
// libedit's native interface (EditLine, History, Tokenizer).
#include <histedit.h>
#endif
