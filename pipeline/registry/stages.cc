#include "pipeline/registry/stages.h"

#include <algorithm>

#include "pipeline/core/enum_names.h"

namespace pipeline::registry {
namespace {

constexpr EnumName<Stage> kStageNames[] = {
    {Stage::kReceived, "received"},
    {Stage::kPreliminary, "preliminary"},
    {Stage::kTechnical, "technical"},
    {Stage::kComprehensive, "comprehensive"},
    {Stage::kDeliberation, "deliberation"},
    {Stage::kPublicity, "publicity"},
    {Stage::kFiled, "filed"},
    {Stage::kReturned, "returned"},
    {Stage::kReferred, "referred"},
    {Stage::kNotFiled, "not_filed"},
    {Stage::kWithdrawn, "withdrawn"},
    {Stage::kTerminated, "terminated"},
};

constexpr EnumName<Decision> kDecisionNames[] = {
    {Decision::kPass, "pass"},
    {Decision::kFail, "fail"},
    {Decision::kReturn, "return"},
    {Decision::kRefer, "refer"},
};

}  // namespace

const char* StageName(Stage s) { return NameOf(kStageNames, s, "unknown"); }

std::optional<Stage> StageFromName(std::string_view name) { return ValueOf(kStageNames, name); }

bool IsClosed(Stage s) {
  switch (s) {
    case Stage::kFiled:
    case Stage::kReferred:
    case Stage::kNotFiled:
    case Stage::kWithdrawn:
    case Stage::kTerminated:
      return true;
    default:
      return false;
  }
}

const char* DecisionName(Decision d) { return NameOf(kDecisionNames, d, "unknown"); }

std::optional<Decision> DecisionFromName(std::string_view name) {
  return ValueOf(kDecisionNames, name);
}

std::vector<Stage> PathFor(model::ApplicationKind kind) {
  switch (kind) {
    case model::ApplicationKind::kRenewal:
      return {Stage::kReceived, Stage::kPreliminary, Stage::kFiled};
    case model::ApplicationKind::kTermination:
      return {Stage::kReceived, Stage::kPreliminary, Stage::kTerminated};
    default:
      return {Stage::kReceived,     Stage::kPreliminary, Stage::kTechnical, Stage::kComprehensive,
              Stage::kDeliberation, Stage::kPublicity,   Stage::kFiled};
  }
}

std::optional<Stage> NextOnPath(model::ApplicationKind kind, Stage s) {
  std::vector<Stage> path = PathFor(kind);
  auto it = std::find(path.begin(), path.end(), s);
  if (it == path.end() || it + 1 == path.end()) return std::nullopt;
  return *(it + 1);
}

bool DecidedByDecideCommand(Stage s) {
  return s == Stage::kReceived || s == Stage::kPreliminary || s == Stage::kTechnical ||
         s == Stage::kComprehensive;
}

std::optional<Stage> StageAfterDecision(model::ApplicationKind kind, Stage s, Decision d) {
  const bool early = s == Stage::kReceived || s == Stage::kPreliminary;
  switch (d) {
    case Decision::kPass: {
      std::optional<Stage> next = NextOnPath(kind, s);
      if (!next) return std::nullopt;
      // Filing and termination take their own command (and notice): the case waits in `s`.
      return *next == Stage::kFiled || *next == Stage::kTerminated ? s : *next;
    }
    case Decision::kFail:
      return Stage::kNotFiled;
    case Decision::kReturn:
      return early ? std::optional<Stage>(Stage::kReturned) : std::nullopt;
    case Decision::kRefer:
      return early ? std::optional<Stage>(Stage::kReferred) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace pipeline::registry
