// Shared fixtures for crosscheck tests: the real data files (loaded once) and a clean
// application that meets every rule, which tests then spoil one field at a time.
#ifndef TESTS_CROSSCHECK_CROSSCHECK_TESTING_H_
#define TESTS_CROSSCHECK_CROSSCHECK_TESTING_H_

#include <string>
#include <vector>

#include "pipeline/crosscheck/catalogue.h"
#include "pipeline/crosscheck/check.h"
#include "pipeline/crosscheck/jurisdiction.h"
#include "pipeline/crosscheck/rules.h"
#include "pipeline/extract/normaliser.h"
#include "pipeline/model/form.h"

namespace pipeline::crosscheck::testing {

const Catalogue& RealCatalogue();
const Authorities& RealAuthorities();
const RuleSet& RealRules();
const BusinessTerms& RealBusinessTerms();
const extract::Normaliser& RealNormaliser();

// A 社会培训评价组织 in 长春市 asking for 4-03-02-01 中式烹调师 五级至三级, every field filled.
model::FormData CleanForm();
// Sets (or adds) the cell for `field`.
void SetCell(model::FormData& form, model::FormField field, const std::string& value);
// Every material of the rules present.
std::vector<model::MaterialResult> AllMaterialsPresent();
// Context over the real data (business terms included, no office settings, no credit list),
// today = 2025-07-10.
Context RealContext();
// State of condition `id` (ADD_FAILURE and not_applicable when absent).
model::ConditionState StateOf(const CrosscheckResult& r, const std::string& id);
// Rule ids of the findings, in order.
std::vector<std::string> RuleIds(const std::vector<model::Finding>& findings);

}  // namespace pipeline::crosscheck::testing

#endif  // TESTS_CROSSCHECK_CROSSCHECK_TESTING_H_
