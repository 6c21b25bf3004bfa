#include "pipeline/cli/options.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cassert>
#include <cstring>

namespace pipeline::cli {
namespace {

constexpr unsigned Bit(Command c) { return 1u << static_cast<unsigned>(c); }

struct CommandInfo {
  const char* name;
  Command command;
  const char* description;
};

// The subcommand table: one row per command, in the order usage lists them.
constexpr CommandInfo kCommands[] = {
    {"run", Command::kRun,
     "Process every dossier folder in INTAKE; write OUT/<case-id>/report.json and the draft "
     "documents, OUT/summary.json and OUT/index.html."},
    {"check", Command::kCheck,
     "Check one dossier folder; print its summary (the full report.json with --json); write "
     "nothing."},
    {"catalogue", Command::kCatalogue,
     "Look up an occupation by code or (partial, fuzzy) name in the 2022 catalogue."},
    {"render", Command::kRender,
     "Render a document template from JSON data into PDF (several --data or --batch N: one "
     "process, many documents; OUT is then a folder)."},
    {"config", Command::kConfig,
     "Print the effective office settings and the file each value comes from."},
    {"help", Command::kHelp, "Show usage, for all commands or for one."},
    {"version", Command::kVersion, "Show the version."},
};

// What the parser fills: the options plus the raw text of values converted afterwards.
struct Parsed {
  Options o;
  std::string date_text;
  std::string authority;
};

using AddFn = CLI::Option* (*)(CLI::App&, Parsed&, const std::string& name,
                               const std::string& help);

// One command-line option (or positional argument), declared once.
struct OptionSpec {
  const char* name;   // CLI11 names ("--out,-o"); a positional argument is upper case ("INTAKE")
  const char* value;  // value shown in usage ("OUT"); "" for a flag or a positional argument
  const char* help;   // one line
  unsigned takes;     // Bit(command) of every command that accepts it
  unsigned needs;     // Bit(command) of every command that requires it
  AddFn add;
};

constexpr unsigned kRun = Bit(Command::kRun), kCheck = Bit(Command::kCheck),
                   kCatalogue = Bit(Command::kCatalogue), kRender = Bit(Command::kRender),
                   kConfig = Bit(Command::kConfig);

// The option table. Order = order in usage.
const OptionSpec kOptions[] = {
    {"INTAKE", "", "intake folder: one entry per dossier", kRun, kRun,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.intake_dir, h);
     }},
    {"DOSSIER", "", "one dossier folder", kCheck, kCheck,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.dossier_dir, h);
     }},
    {"QUERY", "", "occupation code (4-03-02-01) or (partial) name", kCatalogue, kCatalogue,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.query, h);
     }},
    {"TEMPLATE", "", "template: a path, or a name under templates/documents/", kRender, kRender,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.template_path, h);
     }},
    {"--out,-o", "OUT", "output folder (created if missing; must not be inside INTAKE)", kRun,
     kRun,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.out_dir, h);
     }},
    {"--out,-o", "OUT", "output PDF, or a folder with several --data or --batch", kRender,
     kRender,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.out_path, h);
     }},
    {"--data", "FILE.json", "JSON data of one document (repeatable)", kRender, kRender,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.data_files, h);
     }},
    {"--batch", "N", "render N variants of the first data file", kRender, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.batch, h);
     }},
    {"--json", "", "print JSON instead of text", kCheck | kConfig, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_flag(n, p.o.json, h);
     }},
    {"--date", "YYYY-MM-DD",
     "today for every date rule and the documents' date (default: the system date)",
     kRun | kCheck | kRender, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.date_text, h);
     }},
    {"--authority", "CODE",
     "the filing authority running beian (data/jilin_authorities.tsv, e.g. 220100)",
     kRun | kCheck, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.authority, h);
     }},
    {"--no-pdf", "", "write report.json, summary.json and index.html, no documents", kRun, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_flag(n, p.o.no_pdf, h);
     }},
    {"--config", "FILE", "settings file layered over all others (see README \"Settings\")",
     kRun | kCheck | kRender | kConfig, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.config, h);
     }},
    {"--data-dir", "DIR",
     "root holding templates/, checklists/, data/ (default: ../share/beian next to the program)",
     kRun | kCheck | kCatalogue | kRender | kConfig, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.data_dir, h);
     }},
    {"--fonts", "FILE", "font configuration (default: the settings' \"fonts\" file)",
     kRun | kRender, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_option(n, p.o.fonts, h);
     }},
    {"--quiet,-q", "", "no progress output", kRun | kCheck | kRender, 0,
     [](CLI::App& a, Parsed& p, const std::string& n, const std::string& h) {
       return a.add_flag(n, p.o.quiet, h);
     }},
};

constexpr char kExitCodes[] =
    "exit codes: 0 done, no blocking findings; 1 done, blocking findings (catalogue: no match);\n"
    "            2 usage error or operational failure\n";

bool IsPositional(const OptionSpec& s) { return s.name[0] != '-'; }

// "--out,-o" -> "--out, -o"
std::string ShownNames(const OptionSpec& s) {
  std::string out;
  for (const char* c = s.name; *c != '\0'; ++c) {
    out += *c;
    if (*c == ',') out += ' ';
  }
  return out;
}

// "--out,-o" -> "--out"
std::string LongName(const OptionSpec& s) {
  const char* comma = std::strchr(s.name, ',');
  return comma == nullptr ? std::string(s.name) : std::string(s.name, comma);
}

std::string Synopsis(const CommandInfo& c) {
  std::string out = std::string("beian ") + c.name;
  if (c.command == Command::kHelp) return out + " [COMMAND]";
  for (const OptionSpec& s : kOptions) {
    if ((s.takes & Bit(c.command)) == 0) continue;
    std::string word = LongName(s);
    if (*s.value != '\0') word += std::string(" ") + s.value;
    out += " " + ((s.needs & Bit(c.command)) != 0 ? word : "[" + word + "]");
  }
  return out;
}

std::size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

const CommandInfo* FindCommand(const std::string& name) {
  for (const auto& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

std::string Unknown(const char* what, const std::string& word) {
  std::string msg = std::string("unknown ") + what + " '" + word + "'";
  const std::string suggestion = SuggestCommand(word);
  if (!suggestion.empty()) msg += "; did you mean '" + suggestion + "'?";
  return msg;
}

// True when an argument after the command (before a "--") asks for help.
bool AsksForHelp(int argc, const char* const* argv) {
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--") return false;
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

}  // namespace

std::string SuggestCommand(const std::string& word) {
  std::string best;
  std::size_t best_d = 3;
  for (const auto& c : kCommands) {
    std::size_t d = EditDistance(word, c.name);
    if (d < best_d) {
      best_d = d;
      best = c.name;
    }
  }
  return best;
}

std::string Usage(const std::string& topic) {
  std::string out;
  if (const CommandInfo* c = FindCommand(topic)) {
    out += "usage: " + Synopsis(*c) + "\n\n" + c->description + "\n";
    std::string rows;
    for (const OptionSpec& s : kOptions) {
      if ((s.takes & Bit(c->command)) == 0) continue;
      std::string left = ShownNames(s);
      if (*s.value != '\0') left += std::string(" ") + s.value;
      left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
      rows += "  " + left + s.help + "\n";
    }
    if (c->command == Command::kHelp) rows = "  COMMAND                 one of the commands of 'beian help'\n";
    out += "\narguments and options:\n" + rows + "  --help, -h              show this help\n";
  } else {
    out += "usage: beian COMMAND [options]\n\n"
           "Checks Jilin skill-certification filing dossiers (吉人社规〔2025〕1号) and drafts\n"
           "their documents.\n\ncommands:\n";
    for (const auto& cmd : kCommands) {
      out += "  " + Synopsis(cmd) + "\n      " + cmd.description + "\n";
    }
    out += "\noptions (the commands that take them are listed above):\n";
    for (const OptionSpec& s : kOptions) {
      if (IsPositional(s)) continue;
      std::string left = ShownNames(s);
      if (*s.value != '\0') left += std::string(" ") + s.value;
      left.resize(std::max<std::size_t>(left.size() + 2, 24), ' ');
      out += "  " + left + s.help + "\n";
    }
    out +=
        "\n'beian help COMMAND' (or 'beian COMMAND --help') shows one command's options.\n"
        "environment: BEIAN_DATA_DIR (shipped data), BEIAN_CONFIG (a settings file),\n"
        "BEIAN_SYSCONFDIR (system settings folder, default /etc/beian; empty: none).\n";
  }
  out += std::string("\n") + kExitCodes;
  return out;
}

Result<Options> ParseOptions(int argc, const char* const* argv) {
  assert(argc >= 2);
  Options o;
  const std::string cmd = argv[1];
  if (cmd == "--help" || cmd == "-h") return o;  // kHelp, all commands
  if (cmd == "--version") {
    o.command = Command::kVersion;
    return o;
  }
  const CommandInfo* info = FindCommand(cmd);
  if (info == nullptr) return Status::InvalidArgument(Unknown("command", cmd));
  if (AsksForHelp(argc, argv)) {
    o.help_topic = info->name;  // `beian COMMAND --help` = `beian help COMMAND`
    return o;
  }
  o.command = info->command;
  if (o.command == Command::kHelp) {
    if (argc > 3) return Status::InvalidArgument("help: expected at most one COMMAND");
    if (argc == 3) {
      o.help_topic = argv[2];
      if (FindCommand(o.help_topic) == nullptr) {
        return Status::InvalidArgument(Unknown("help topic", o.help_topic));
      }
    }
    return o;
  }

  Parsed p;
  CLI::App app{info->description, std::string("beian ") + info->name};
  app.set_help_flag();  // --help was handled above, from the same table
  for (const OptionSpec& s : kOptions) {
    if ((s.takes & Bit(o.command)) == 0) continue;
    CLI::Option* opt = s.add(app, p, s.name, s.help);
    if ((s.needs & Bit(o.command)) != 0) opt->required();
  }
  app.allow_extras();  // reported below, in the user's order (CLI11 lists them reversed)
  try {
    app.parse(argc - 1, argv + 1);  // argv[1], the command, stands in for the program name
  } catch (const CLI::ParseError& e) {
    return Status::InvalidArgument(std::string(info->name) + ": " + e.what());
  }
  if (std::vector<std::string> extras = app.remaining(); !extras.empty()) {
    std::string list;
    for (int i = 2; i < argc; ++i) {
      auto it = std::find(extras.begin(), extras.end(), argv[i]);
      if (it == extras.end()) continue;
      list += std::string(list.empty() ? "" : " ") + "'" + argv[i] + "'";
      extras.erase(it);
    }
    return Status::InvalidArgument(std::string(info->name) + ": not expected: " + list);
  }
  p.o.command = o.command;
  if (!p.date_text.empty()) {
    p.o.date = ParseIsoDate(p.date_text);
    if (!p.o.date) {
      return Status::InvalidArgument("--date: expected YYYY-MM-DD, got '" + p.date_text + "'");
    }
  }
  if (!p.authority.empty()) p.o.authority = p.authority;
  if (p.o.batch < 0) return Status::InvalidArgument("--batch must be >= 0");
  return p.o;
}

}  // namespace pipeline::cli
