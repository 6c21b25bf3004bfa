#include "pipeline/registry/stages.h"

#include <algorithm>
#include <array>
#include <utility>

namespace pipeline::registry {
namespace {

constexpr std::array<std::pair<Stage, const char*>, 12> kStageNames = {{
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
}};

constexpr std::array<std::pair<Decision, const char*>, 4> kDecisionNames = {{
    {Decision::kPass, "pass"},
    {Decision::kFail, "fail"},
    {Decision::kReturn, "return"},
    {Decision::kRefer, "refer"},
}};

}  // namespace

const char* StageName(Stage s) {
  for (const auto& [stage, name] : kStageNames) {
    if (stage == s) return name;
  }
  return "unknown";
}

std::optional<Stage> StageFromName(std::string_view name) {
  for (const auto& [stage, n] : kStageNames) {
    if (name == n) return stage;
  }
  return std::nullopt;
}

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

const char* DecisionName(Decision d) {
  for (const auto& [decision, name] : kDecisionNames) {
    if (decision == d) return name;
  }
  return "unknown";
}

std::optional<Decision> DecisionFromName(std::string_view name) {
  for (const auto& [decision, n] : kDecisionNames) {
    if (name == n) return decision;
  }
  return std::nullopt;
}

std::vector<Stage> PathFor(model::ApplicationKind kind) {
  switch (kind) {
    case model::ApplicationKind::kRenewal:
      return {Stage::kReceived, Stage::kPreliminary, Stage::kFiled};
    case model::ApplicationKind::kTermination:
      return {Stage::kReceived, Stage::kPreliminary, Stage::kTerminated};
    default:
      return {Stage::kReceived,      Stage::kPreliminary,  Stage::kTechnical,
              Stage::kComprehensive, Stage::kDeliberation, Stage::kPublicity,
              Stage::kFiled};
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
      return *next == Stage::kFiled ? s : *next;
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
