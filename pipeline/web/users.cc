#include "pipeline/web/users.h"

#include <algorithm>

#include "pipeline/web/password.h"
#include "pipeline/web/roles.h"

namespace pipeline::web {
namespace {

bool IsOfficeCode(const std::string& s) {
  return s.size() == 6 && s.find_first_not_of("0123456789") == std::string::npos;
}

// A name a login form, a history line and a shell all take as it is.
bool IsAccountName(const std::string& s) {
  return !s.empty() && s.size() <= 64 && std::none_of(s.begin(), s.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == 0x7f || ch == ' ' || ch == '/' || ch == '\\';
  });
}

Status Refuse(const report::MessageCatalog& m, const std::string& key, const AccountChange& c) {
  return Status::InvalidArgument(
      m.Format("user." + key, {{"name", c.name}, {"role", c.role}, {"office", c.office}}));
}

// What is wrong with `c` before the store is asked, or OK.
Status Validate(WebStore& store, const report::MessageCatalog& m, const AccountChange& c) {
  if (!IsAccountName(c.name)) return Refuse(m, "bad_name", c);
  Result<std::optional<User>> have = store.FindUser(c.name);
  if (!have) return have.error();
  if (c.action == "add") {
    if (*have) return Refuse(m, "exists", c);
    if (!IsRole(c.role)) return Refuse(m, "bad_role", c);
    if (!IsOfficeCode(c.office)) return Refuse(m, "bad_office", c);
  } else if (!*have) {
    return Refuse(m, "unknown", c);
  }
  const bool needs_password = c.action == "add" || c.action == "passwd";
  if (needs_password && c.password.size() < 8) return Refuse(m, "short_password", c);
  return Status::Ok();
}

}  // namespace

Status ChangeAccount(WebStore& store, const report::MessageCatalog& messages,
                     const AccountChange& c, const Date& today) {
  if (c.action != "add" && c.action != "passwd" && c.action != "disable" && c.action != "unlock") {
    return Refuse(messages, "bad_action", c);
  }
  PIPELINE_RETURN_IF_ERROR(Validate(store, messages, c));
  if (c.action == "disable") return store.Disable(c.name);
  if (c.action == "unlock") return store.Unlock(c.name);
  Result<std::string> hash = HashPassword(c.password);
  if (!hash) return hash.error();
  if (c.action == "passwd") return store.SetPassword(c.name, *hash);
  return store.AddUser(User{c.name, c.role, c.office, *hash, false, today.ToIso()});
}

}  // namespace pipeline::web
