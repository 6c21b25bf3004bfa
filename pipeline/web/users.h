// The workbench's user accounts as `beian user` and the admin page (/admin) change them: one
// function, the same checks and the same Chinese messages (templates/messages.zh-CN.tsv,
// user.*) for both.
#ifndef PIPELINE_WEB_USERS_H_
#define PIPELINE_WEB_USERS_H_

#include <string>

#include "pipeline/core/date.h"
#include "pipeline/core/status.h"
#include "pipeline/report/messages.h"
#include "pipeline/web/store.h"

namespace pipeline::web {

struct AccountChange {
  std::string action;  // add | passwd | disable | unlock
  std::string name;
  std::string role;      // add: clerk | reviewer | archivist | admin
  std::string office;    // add: an authority code (220100)
  std::string password;  // add, passwd: at least 8 characters
};

// Applies `change`: InvalidArgument with the Chinese message for a bad name, role, office or
// password, an existing name (add) or an unknown one (the others).
Status ChangeAccount(WebStore& store, const report::MessageCatalog& messages,
                     const AccountChange& change, const Date& today);

}  // namespace pipeline::web

#endif  // PIPELINE_WEB_USERS_H_
