#include "adapters/notify/templates.hpp"

#include "adapters/config/yaml_reader.hpp"

namespace tdkt::adapters::notify {
namespace {

// A mapping of names to strings, under `key` of `root` (absent = empty).
std::map<std::string, std::string> StringMap(const YAML::Node& document, config::YamlMap& root,
                                             const std::string& key) {
  std::map<std::string, std::string> out;
  auto map = root.OptionalMap(key);
  if (!map) return out;
  for (const auto& entry : document[key]) {
    const std::string name = entry.first.as<std::string>();
    out[name] = map->RequiredString(name);
  }
  map->RejectUnknownKeys();
  return out;
}

}  // namespace

TemplateSet LoadTemplates(const std::string& path) {
  const YAML::Node document = config::LoadYamlFile(path);
  config::YamlMap root(document, path);
  TemplateSet set;
  set.layout = root.RequiredString("layout");
  set.no_deadline = root.RequiredString("no_deadline");
  set.awards = StringMap(document, root, "awards");
  set.deadline_kinds = StringMap(document, root, "deadline_kinds");
  config::YamlMap templates = root.RequiredMap("templates");
  for (const auto& entry : document["templates"]) {
    const std::string id = entry.first.as<std::string>();
    config::YamlMap one = templates.RequiredMap(id);
    TemplateText text;
    text.subject = one.RequiredString("subject");
    text.action = one.RequiredString("action");
    text.body = one.OptionalString("body").value_or("");
    one.RejectUnknownKeys();
    set.templates.emplace(id, std::move(text));
  }
  templates.RejectUnknownKeys();
  root.RejectUnknownKeys();
  return set;
}

engine::Result<std::string> Fill(const std::string& text,
                                 const std::map<std::string, std::string>& values) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t open = text.find('{', at);
    if (open == std::string::npos) break;
    std::size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    std::string name = text.substr(open + 1, close - open - 1);
    auto value = values.find(name);
    if (value == values.end()) {
      return engine::Status::InvalidArgument("the template names {" + name +
                                             "}, which this notification does not have");
    }
    out += value->second;
    at = close + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}

engine::Result<Rendered> Render(const TemplateSet& set, const std::string& id,
                                const std::map<std::string, std::string>& values) {
  auto found = set.templates.find(id);
  if (found == set.templates.end()) {
    return engine::Status::NotFound("no notification template '" + id + "'");
  }
  auto subject = Fill(found->second.subject, values);
  if (!subject.ok()) return subject.status();
  auto action = Fill(found->second.action, values);
  if (!action.ok()) return action.status();
  std::map<std::string, std::string> with_action = values;
  with_action["action"] = *action;
  auto body = Fill(found->second.body.empty() ? set.layout : found->second.body, with_action);
  if (!body.ok()) return body.status();
  return Rendered{std::move(*subject), std::move(*body)};
}

}  // namespace tdkt::adapters::notify
