// Options: the command line turned into typed values. Parsing never exits or prints; it
// returns InvalidArgument with the usage problem (and a "did you mean" for a misspelt command).
// Every option is declared once, in the option table of options.cc: the parser, `beian help
// COMMAND`, `beian COMMAND --help` and the man page (help2man over `beian --help`) all read it.
// How to add an option: docs/developer-guide.md "How to add a command-line option".
#ifndef PIPELINE_CLI_OPTIONS_H_
#define PIPELINE_CLI_OPTIONS_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/model/command_request.h"

namespace pipeline::cli {

// The command line parses into the model's request (model/command_request.h).
using Command = model::Command;
using Options = model::CommandRequest;

// The clerk's wording of a usage error: key (`usage.*` of templates/messages.zh-CN.tsv) and
// its arguments -> text. main supplies the message catalogue's; without one the errors are
// English (unit tests).
using UsageWords = std::function<std::string(
    const std::string& key, const std::vector<std::pair<std::string, std::string>>& args)>;

// argv[1] is the command; see Usage(). `beian COMMAND --help` (or -h) and `beian help COMMAND`
// both give kHelp with help_topic = COMMAND; an unknown command or help topic is an error.
// REQUIRES: argc >= 2 (a bare `beian` is handled by the caller: usage on stderr, exit 2).
// Errors are worded by `words` when given. An option the command does not take is named (with
// the nearest the command takes) before anything else is checked.
Result<Options> ParseOptions(int argc, const char* const* argv, const UsageWords& words = {});

// Usage text for all commands (topic ""), or for one command; both generated from the option
// table. REQUIRES: topic is "" or a command name.
std::string Usage(const std::string& topic = {});

// The names of every command, in usage order (for the user guide's CLI reference check).
std::vector<std::string> CommandNames();

// The closest known command name within edit distance 2 of `word`, or "".
std::string SuggestCommand(const std::string& word);

}  // namespace pipeline::cli

#endif  // PIPELINE_CLI_OPTIONS_H_
