#pragma once
// Templates: the Vietnamese subject and body of each notification kind, read from
// config/notify/templates.yaml, and their rendering with the facts of one notification.
//
// A template names a subject and what the recipient must do (`action`); the body is one shared
// layout, unless the template has a `body` of its own. Placeholders are `{name}`: {dossier},
// {nominee}, {award}, {state}, {unit}, {deadline}, {deadline_kind}, {action}, and any scalar field
// of the outbox row's payload
// ({working_days_left}).
// A TemplateSet is immutable after loading; safe to share between threads.

#include <map>
#include <string>

#include "engine/status.hpp"

namespace tdkt::adapters::notify {

struct TemplateText {
  std::string subject;
  std::string action;
  std::string body;  // when not empty, the whole body instead of the layout (a notification
                     // about no dossier: the daily audit checkpoint)
};

struct TemplateSet {
  std::string layout;                                 // the body, around {action}
  std::string no_deadline;                            // what {deadline} says when there is none
  std::map<std::string, TemplateText> templates;      // by template id
  std::map<std::string, std::string> awards;          // award id -> its Vietnamese name
  std::map<std::string, std::string> deadline_kinds;  // "appraisal" -> "thẩm định hồ sơ"
};

// Reads a template file. Throws config::ConfigError naming the file and the key when a key is
// missing, misspelt or not a string.
TemplateSet LoadTemplates(const std::string& path);

struct Rendered {
  std::string subject;
  std::string body;
};

// Fills template `id` with `values`. NotFound when there is no such template; InvalidArgument
// naming the placeholder when the text names a value that `values` lacks.
engine::Result<Rendered> Render(const TemplateSet& set, const std::string& id,
                                const std::map<std::string, std::string>& values);

// Replaces every {name} of `text` by values[name]. InvalidArgument naming an unknown placeholder.
engine::Result<std::string> Fill(const std::string& text,
                                 const std::map<std::string, std::string>& values);

}  // namespace tdkt::adapters::notify
