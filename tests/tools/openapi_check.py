#!/usr/bin/env python3
"""Validate docs/openapi.yaml, and HTTP responses and requests against it.

Python 3 with the Debian packages python3-jsonschema (4.10 in Debian 12; newer releases work too)
and python3-yaml; no network. The official OpenAPI 3.1 schema is vendored in
tests/data/openapi/ (see its README).

Command line:
  openapi_check.py validate-doc [docs/openapi.yaml]
      The document against the official OAS 3.1 schema (Draft202012Validator), then what that
      schema cannot see: every $ref resolves (and points at the right kind of component), every
      path template parameter is declared as a path parameter and every path parameter is in the
      template, operationIds are unique, every schema (components, parameters, media types,
      headers) is a valid draft 2020-12 schema (check_schema), security requirements name
      declared schemes, and the YAML holds only JSON values (no dates, no integer keys, no
      duplicate keys, no unquoted yes/no/on/off). Exit 0 and one summary line; 1 and one line
      per problem ("<file>#<JSON pointer>: <what>"); 2 when the file cannot be read.
  openapi_check.py [--openapi FILE] check-response METHOD PATH STATUS CONTENT_TYPE < body
  openapi_check.py [--openapi FILE] check-request METHOD PATH [CONTENT_TYPE] < body
      One response (or request body) against the document; exit 0 ("ok: ...") or 1 (why).

Module:
  sys.path.insert(0, "tests/tools"); from openapi_check import ResponseValidator, ContractViolation
  v = ResponseValidator("docs/openapi.yaml")
  body = v.check("GET", "/api/v1/dossiers/d1", 200, "application/json", raw_bytes)
  v.check_request("POST", "/api/v1/dossiers/d1/events", {"type": "accept", ...})
  Both raise ContractViolation (an AssertionError) naming the operation, the status and the JSON
  pointer of each failure; check() returns the parsed body. A path no route matches is checked
  against components/responses/NotFound (status 404 only); a declared path with an undeclared
  method against components/responses/MethodNotAllowed (status 405 only).
"""

import argparse
import datetime
import json
import os
import re
import sys
import warnings
from urllib.parse import unquote

import jsonschema
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, best_match

try:  # jsonschema >= 4.18
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    _HAVE_REFERENCING = True
except ImportError:  # Debian 12's jsonschema 4.10
    _HAVE_REFERENCING = False

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SCHEMA_FILE = os.path.join(REPO, "tests", "data", "openapi", "oas-3.1-schema-2025-09-15.json")
DEFAULT_OPENAPI = os.path.join(REPO, "docs", "openapi.yaml")

# The base URI the document is registered under for $ref resolution. Never fetched: the
# document itself is in the store/registry under this URI.
DOC_URI = "https://tdkt.example/openapi.json"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SCHEMA_DIALECTS = (
    "https://json-schema.org/draft/2020-12/schema",
    "https://spec.openapis.org/oas/3.1/dialect/base",
)


# ---- loading ---------------------------------------------------------------------------------


class _JsonCompatibleLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and records the scalars YAML 1.1 and 1.2 read
    differently (yes/no/on/off are booleans only in 1.1); unquoted dates stay dates, for
    validate_document to report."""

    def __init__(self, stream):
        super().__init__(stream)
        self.ambiguous = []


def _construct_bool(loader, node):
    if node.value.lower() not in ("true", "false"):
        loader.ambiguous.append(
            "line %d: unquoted %r is a boolean in YAML 1.1 but a string in YAML 1.2; quote it, "
            "or write true/false" % (node.start_mark.line + 1, node.value))
    return yaml.SafeLoader.construct_yaml_bool(loader, node)


_JsonCompatibleLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in out
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable mapping key", key_node.start_mark)
        if duplicate:
            raise yaml.constructor.ConstructorError(
                None, None, "duplicate key %r" % (key,), key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


_JsonCompatibleLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                                      _construct_mapping)


def _reject_json_constant(name):
    raise ValueError("%s is not JSON" % name)


def _json_object_no_duplicates(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError("duplicate key %r" % key)
        out[key] = value
    return out


def parse_json(text):
    """json.loads that refuses NaN/Infinity and duplicate keys, as a strict JSON parser would."""
    return json.loads(text, parse_constant=_reject_json_constant,
                      object_pairs_hook=_json_object_no_duplicates)


def load_document(path):
    """The OpenAPI document at `path` (YAML or JSON). Raises OSError or ValueError."""
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")
    if path.endswith(".json"):
        return parse_json(text)
    loader = _JsonCompatibleLoader(text)
    try:
        doc = loader.get_single_data()
    except yaml.YAMLError as e:
        raise ValueError("not valid YAML: %s" % e) from e
    finally:
        loader.dispose()
    if loader.ambiguous:
        raise ValueError("; ".join(loader.ambiguous))
    return doc


def load_official_schema():
    with open(SCHEMA_FILE, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


# ---- JSON pointers ---------------------------------------------------------------------------


def pointer(parts):
    """RFC 6901 pointer of a path given as a sequence of keys and indexes."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve_pointer(doc, ptr):
    """The value at JSON pointer `ptr` ("" or "/a/b") in doc; KeyError when there is none."""
    if ptr == "":
        return doc
    if not ptr.startswith("/"):
        raise KeyError(ptr)
    node = doc
    for token in ptr[1:].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            if token not in node:
                raise KeyError(ptr)
            node = node[token]
        elif isinstance(node, list):
            if not re.fullmatch(r"0|[1-9][0-9]*", token) or int(token) >= len(node):
                raise KeyError(ptr)
            node = node[int(token)]
        else:
            raise KeyError(ptr)
    return node


def _ref_pointer(ref):
    """The JSON pointer of a local reference "#/a/b" (percent-decoded), or None."""
    if ref == "#":
        return ""
    if ref.startswith("#/"):
        return unquote(ref[1:])
    return None


# ---- document validation ---------------------------------------------------------------------


def _non_json_values(node, path, problems):
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):
                problems.append((pointer(path + [key]),
                                 "mapping key %r is a %s, not a string (quote it in YAML)"
                                 % (key, type(key).__name__)))
            _non_json_values(value, path + [str(key)], problems)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _non_json_values(value, path + [i], problems)
    elif node is None or isinstance(node, (str, bool, int, float)):
        if isinstance(node, float) and node != node:
            problems.append((pointer(path), "NaN is not a JSON value"))
    elif isinstance(node, (datetime.date, datetime.datetime)):
        problems.append((pointer(path), "%r is a YAML timestamp, not a JSON string (quote it)"
                         % (node,)))
    else:
        problems.append((pointer(path), "%r is not a JSON value" % (node,)))


# Keywords whose values are instances, not schemas or OpenAPI objects: $ref inside them is data.
_DATA_KEYWORDS = ("example", "enum", "const", "default")


def _walk_refs(node, path, out):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            out.append((path, ref))
        for key, value in node.items():
            if key in _DATA_KEYWORDS:
                continue
            if key == "examples" and isinstance(value, list):  # JSON Schema `examples`
                continue
            _walk_refs(value, path + [key], out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk_refs(value, path + [i], out)


def _anchors(node, out):
    if isinstance(node, dict):
        for key in ("$anchor", "$dynamicAnchor"):
            if isinstance(node.get(key), str):
                out.add(node[key])
        for key, value in node.items():
            if key not in _DATA_KEYWORDS:
                _anchors(value, out)
    elif isinstance(node, list):
        for value in node:
            _anchors(value, out)


def _deref(doc, node):
    """Follows Reference Objects ($ref) to the object they name; None when one does not resolve."""
    seen = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        ptr = _ref_pointer(ref)
        if ptr is None or ref in seen:
            return None
        seen.add(ref)
        try:
            node = resolve_pointer(doc, ptr)
        except KeyError:
            return None
    return node


def _operations(doc):
    """(path template, path item pointer parts, method, operation) for every operation."""
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return
    for template, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                yield template, ["paths", template], method, op


def _schema_positions(doc):
    """(pointer parts, schema) of every Schema Object in a place OpenAPI puts one."""
    found = []

    def media(content, path):
        if isinstance(content, dict):
            for media_type, obj in content.items():
                if isinstance(obj, dict) and "schema" in obj:
                    found.append((path + [media_type, "schema"], obj["schema"]))

    def parameter_or_header(obj, path):
        if isinstance(obj, dict) and "$ref" not in obj:
            if "schema" in obj:
                found.append((path + ["schema"], obj["schema"]))
            media(obj.get("content"), path + ["content"])

    def response(obj, path):
        if isinstance(obj, dict) and "$ref" not in obj:
            media(obj.get("content"), path + ["content"])
            for name, header in (obj.get("headers") or {}).items():
                parameter_or_header(header, path + ["headers", name])

    components = doc.get("components") or {}
    for name, schema in (components.get("schemas") or {}).items():
        found.append((["components", "schemas", name], schema))
    for name, obj in (components.get("parameters") or {}).items():
        parameter_or_header(obj, ["components", "parameters", name])
    for name, obj in (components.get("headers") or {}).items():
        parameter_or_header(obj, ["components", "headers", name])
    for name, obj in (components.get("responses") or {}).items():
        response(obj, ["components", "responses", name])
    for name, obj in (components.get("requestBodies") or {}).items():
        if isinstance(obj, dict):
            media(obj.get("content"), ["components", "requestBodies", name, "content"])
    for template, item_path, method, op in _operations(doc):
        item = doc["paths"][template]
        for i, param in enumerate(item.get("parameters") or []):
            parameter_or_header(param, item_path + ["parameters", i])
        op_path = item_path + [method]
        for i, param in enumerate(op.get("parameters") or []):
            parameter_or_header(param, op_path + ["parameters", i])
        body = op.get("requestBody")
        if isinstance(body, dict) and "$ref" not in body:
            media(body.get("content"), op_path + ["requestBody", "content"])
        for status, obj in (op.get("responses") or {}).items():
            response(obj, op_path + ["responses", status])
    return found


_TEMPLATE_SEGMENT = re.compile(r"\{([^{}/]+)\}")


def _check_paths(doc, problems):
    paths = doc.get("paths")
    if not isinstance(paths, dict):
        return
    shapes = {}
    for template, item in paths.items():
        if not isinstance(item, dict):
            continue
        item_ptr = pointer(["paths", template])
        names = _TEMPLATE_SEGMENT.findall(template)
        if _TEMPLATE_SEGMENT.sub("", template).count("{") or \
                _TEMPLATE_SEGMENT.sub("", template).count("}"):
            problems.append((item_ptr, "path template %r has unbalanced braces" % template))
        for name in set(names):
            if names.count(name) > 1:
                problems.append((item_ptr, "path template names {%s} twice" % name))
        shape = _TEMPLATE_SEGMENT.sub("{}", template)
        if shape in shapes:
            problems.append((item_ptr, "path template %r is equivalent to %r" %
                             (template, shapes[shape])))
        shapes.setdefault(shape, template)

        def declared(params, where):
            out = {}
            for i, param in enumerate(params or []):
                resolved = _deref(doc, param)
                if not isinstance(resolved, dict):
                    continue  # an unresolved $ref is reported elsewhere
                key = (resolved.get("name"), resolved.get("in"))
                if key in out:
                    problems.append((pointer(where + [i]), "parameter %s in %s is declared twice"
                                     % key))
                out[key] = resolved
            return out

        path_level = declared(item.get("parameters"), ["paths", template, "parameters"])
        methods = [m for m in HTTP_METHODS if isinstance(item.get(m), dict)]
        for method in methods or [None]:
            params = dict(path_level)
            where = item_ptr
            if method is not None:
                where = pointer(["paths", template, method])
                params.update(declared(item[method].get("parameters"),
                                       ["paths", template, method, "parameters"]))
            in_path = {name for (name, where_in) in params if where_in == "path"}
            for name in names:
                if name not in in_path:
                    problems.append((where, "path template parameter {%s} is not declared as a "
                                     "path parameter (in: path)" % name))
            for name in sorted(in_path - set(names), key=str):
                problems.append((where, "path parameter %r is not in the path template %r"
                                 % (name, template)))


def _check_refs(doc, problems):
    refs = []
    _walk_refs(doc, [], refs)
    anchors = set()
    _anchors(doc, anchors)
    for path, ref in refs:
        where = pointer(path + ["$ref"])
        ptr = _ref_pointer(ref)
        if ptr is None:
            if ref.startswith("#") and unquote(ref[1:]) in anchors:
                continue
            problems.append((where, "$ref %r is not a reference inside this document (external "
                             "references are not supported)" % ref))
            continue
        try:
            resolve_pointer(doc, ptr)
        except KeyError:
            problems.append((where, "$ref %r does not resolve" % ref))


def _check_ref_kinds(doc, problems):
    """Reference Objects in OpenAPI positions must name a component of the matching kind."""

    def expect(node, path, kind):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if ref.startswith("#/") and not ref.startswith("#/components/%s/" % kind):
                problems.append((pointer(path + ["$ref"]),
                                 "$ref %r should name a #/components/%s/ entry" % (ref, kind)))

    for template, item_path, method, op in _operations(doc):
        for i, param in enumerate(doc["paths"][template].get("parameters") or []):
            expect(param, item_path + ["parameters", i], "parameters")
        op_path = item_path + [method]
        for i, param in enumerate(op.get("parameters") or []):
            expect(param, op_path + ["parameters", i], "parameters")
        expect(op.get("requestBody"), op_path + ["requestBody"], "requestBodies")
        for status, response in (op.get("responses") or {}).items():
            expect(response, op_path + ["responses", status], "responses")
            if isinstance(response, dict):
                for name, header in (response.get("headers") or {}).items():
                    expect(header, op_path + ["responses", status, "headers", name], "headers")


def _check_operation_ids(doc, problems):
    seen = {}
    for template, item_path, method, op in _operations(doc):
        op_id = op.get("operationId")
        if op_id is None:
            continue
        where = pointer(item_path + [method, "operationId"])
        if op_id in seen:
            problems.append((where, "operationId %r is also used at %s" % (op_id, seen[op_id])))
        else:
            seen[op_id] = where


def _check_schemas(doc, problems):
    dialect = doc.get("jsonSchemaDialect")
    if dialect is not None and dialect not in SCHEMA_DIALECTS:
        problems.append(("/jsonSchemaDialect", "this checker knows only the draft 2020-12 "
                         "dialects %s, not %r" % (", ".join(SCHEMA_DIALECTS), dialect)))
    for path, schema in _schema_positions(doc):
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as e:
            problems.append((pointer(path + list(e.path)),
                             "not a valid JSON Schema 2020-12 schema: %s" % e.message))


def _check_security(doc, problems):
    schemes = (doc.get("components") or {}).get("securitySchemes") or {}

    def check(requirements, path):
        for i, requirement in enumerate(requirements or []):
            if isinstance(requirement, dict):
                for name in requirement:
                    if name not in schemes:
                        problems.append((pointer(path + [i, name]), "security scheme %r is not "
                                         "declared in components/securitySchemes" % name))

    check(doc.get("security"), ["security"])
    for template, item_path, method, op in _operations(doc):
        check(op.get("security"), item_path + [method, "security"])


def _without_consequential(errors):
    """Drops `unevaluatedProperties` errors that only repeat a failure further down: older
    jsonschema releases (4.10) count a property whose subschema failed as unevaluated, so a
    wrong `/components/...` also yields "'components' was unexpected" at the root."""
    paths = [list(e.absolute_path) for e in errors]
    kept = []
    for error, path in zip(errors, paths):
        if error.validator == "unevaluatedProperties" and isinstance(error.instance, dict):
            named = [k for k in error.instance if repr(k) in error.message]
            deeper = [p for p in paths if len(p) > len(path) and p[:len(path)] == path]
            if named and all(any(p[len(path)] == k for p in deeper) for k in named):
                continue
        kept.append(error)
    return kept


def validate_document(doc):
    """Problems of an already loaded document: a list of (JSON pointer, message)."""
    problems = []
    _non_json_values(doc, [], problems)
    if problems:  # the rest assumes JSON
        return problems
    official = Draft202012Validator(load_official_schema())
    errors = sorted(official.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    for error in _without_consequential(errors):
        problems.append((pointer(error.absolute_path), "OpenAPI 3.1 schema: %s" %
                         _short(best_match([error]).message)))
    if not isinstance(doc, dict):
        return problems
    _check_refs(doc, problems)
    _check_ref_kinds(doc, problems)
    _check_paths(doc, problems)
    _check_operation_ids(doc, problems)
    _check_schemas(doc, problems)
    _check_security(doc, problems)
    return problems


def validate_doc(path):
    """Problems of the document at `path`: a list of (JSON pointer, message)."""
    try:
        doc = load_document(path)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        return [("", "cannot load %s: %s" % (path, e))]
    return validate_document(doc)


def _short(text, limit=300):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def summarize(doc):
    operations = list(_operations(doc))
    schemas = (doc.get("components") or {}).get("schemas") or {}
    return "%d paths, %d operations, %d component schemas" % (
        len(doc.get("paths") or {}), len(operations), len(schemas))


# ---- response and request validation ---------------------------------------------------------


class ContractViolation(AssertionError):
    """A response or request that the OpenAPI document does not allow.

    operation: "GET /api/v1/dossiers/{id} (getDossier)" or None when no route matched
    status:    the HTTP status checked (None for requests)
    errors:    [(instance JSON pointer, message, schema keyword path)], empty for non-schema
               failures (unknown route, undeclared status, content type)
    pointer:   the JSON pointer of the first failure in the body ("" = the whole body), or None
    """

    def __init__(self, message, operation=None, status=None, errors=()):
        super().__init__(message)
        self.operation = operation
        self.status = status
        self.errors = list(errors)
        self.pointer = self.errors[0][0] if self.errors else None


def _media_type(text):
    """(type/subtype lower-cased, {param: value}) of a Content-Type value."""
    parts = [p.strip() for p in (text or "").split(";")]
    essence = parts[0].lower()
    params = {}
    for part in parts[1:]:
        if "=" in part:
            name, value = part.split("=", 1)
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            params[name.strip().lower()] = value
    return essence, params


def _media_matches(declared, actual):
    d_type, d_params = _media_type(declared)
    a_type, a_params = _media_type(actual)
    if d_type != a_type:
        if d_type == "*/*":
            pass
        elif d_type.endswith("/*") and a_type.startswith(d_type[:-1]):
            pass
        else:
            return False
    return all(a_params.get(name) == value for name, value in d_params.items())


def _is_json(media_type):
    essence, _ = _media_type(media_type)
    return essence == "application/json" or essence.endswith("+json")


class ResponseValidator:
    """Checks responses (and request bodies) against an OpenAPI 3.1 document."""

    def __init__(self, openapi_path=DEFAULT_OPENAPI):
        self.path = openapi_path
        self.doc = load_document(openapi_path)
        self._validators = {}
        if _HAVE_REFERENCING:
            self._registry = Registry().with_resource(
                DOC_URI, Resource(contents=self.doc, specification=DRAFT202012))
        self._routes = []
        for template in (self.doc.get("paths") or {}):
            names = []
            literal_parts = _TEMPLATE_SEGMENT.split(template)
            regex = ""
            for i, part in enumerate(literal_parts):
                if i % 2 == 0:
                    regex += re.escape(part)
                else:
                    names.append(part)
                    regex += "(?P<p%d>[^/]+)" % (len(names) - 1)
            self._routes.append((len(names), -len(template), template,
                                 re.compile("^" + regex + "$"), list(names)))
        self._routes.sort(key=lambda r: (r[0], r[1]))  # concrete paths before templated ones

    # -- lookup ---------------------------------------------------------------------------------

    def find_route(self, path):
        """(template, {param: value}) of the path item a concrete path belongs to, or None."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        for _, _, template, regex, names in self._routes:
            m = regex.match(path)
            if m:
                return template, {n: unquote(m.group("p%d" % i)) for i, n in enumerate(names)}
        return None

    def find_operation(self, method, path):
        """(template, operation) or raises ContractViolation."""
        route = self.find_route(path)
        if route is None:
            raise ContractViolation("no path of %s matches %s" % (self.path, path))
        template = route[0]
        op = self.doc["paths"][template].get(method.lower())
        if not isinstance(op, dict):
            raise ContractViolation("%s declares no %s operation on %s"
                                    % (self.path, method.upper(), template))
        return template, op

    @staticmethod
    def _op_name(method, template, op):
        name = "%s %s" % (method.upper(), template)
        if op is not None and op.get("operationId"):
            name += " (%s)" % op["operationId"]
        return name

    def _deref(self, node, ptr):
        """(object, its JSON pointer) following Reference Objects."""
        seen = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            target = _ref_pointer(ref)
            if target is None or ref in seen:
                raise ContractViolation("%s: cannot follow $ref %r" % (ptr, ref))
            seen.add(ref)
            node, ptr = resolve_pointer(self.doc, target), target
        return node, ptr

    # -- schema validation ----------------------------------------------------------------------

    def _validator(self, schema_ptr):
        validator = self._validators.get(schema_ptr)
        if validator is None:
            wrapper = {"$ref": DOC_URI + "#" + schema_ptr}
            checker = jsonschema.FormatChecker()
            if _HAVE_REFERENCING:
                validator = Draft202012Validator(wrapper, registry=self._registry,
                                                 format_checker=checker)
            else:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    resolver = jsonschema.RefResolver(base_uri=DOC_URI, referrer=self.doc,
                                                      store={DOC_URI: self.doc})
                validator = Draft202012Validator(wrapper, resolver=resolver,
                                                 format_checker=checker)
            self._validators[schema_ptr] = validator
        return validator

    def _schema_errors(self, schema_ptr, instance):
        errors = []
        for error in self._validator(schema_ptr).iter_errors(instance):
            # anyOf/oneOf/if-then errors carry the interesting part in their context.
            deepest = best_match([error])
            while deepest.context:
                deepest = best_match(deepest.context)
            message = deepest.message
            if deepest.validator == "not":
                message = "must not match %s" % json.dumps(deepest.validator_value)
            errors.append((pointer(deepest.absolute_path), _short(message),
                           "/".join(str(p) for p in deepest.absolute_schema_path)))
        errors.sort(key=lambda e: e[0])
        return errors

    def _check_media(self, what, content, content_type, body, body_ptr):
        """Parses and validates a body against a Media Types map; returns the parsed body."""
        chosen = None
        for declared in content:
            if _media_matches(declared, content_type or ""):
                chosen = declared
                break
        if chosen is None:
            raise ContractViolation("%s: content type %r is not one of %s"
                                    % (what, content_type, ", ".join(content)))
        media = content[chosen] or {}
        if isinstance(body, (bytes, bytearray)) and "schema" not in media and not _is_json(chosen):
            return body  # a binary download (an XLSX workbook, a DOCX, a PDF): its bytes, not text
        if isinstance(body, (bytes, bytearray, str)):
            raw = body.decode("utf-8") if isinstance(body, (bytes, bytearray)) else body
            if _is_json(chosen):
                try:
                    instance = parse_json(raw)
                except ValueError as e:
                    raise ContractViolation("%s: the body is not JSON: %s" % (what, e),
                                            errors=[("", "not JSON: %s" % e, "")])
            else:
                instance = raw  # text: validated as a string
        else:
            instance = body  # already parsed
        if "schema" in media:
            schema_ptr = body_ptr + "/content/" + chosen.replace("~", "~0").replace("/", "~1") \
                + "/schema"
            errors = self._schema_errors(schema_ptr, instance)
            if errors:
                lines = ["%s: the body does not match %s:" % (what, "#" + schema_ptr)]
                for ptr, message, schema_path in errors[:20]:
                    lines.append("  at %s: %s   [schema: %s]" % (ptr or "(root)", message,
                                                                 schema_path))
                if len(errors) > 20:
                    lines.append("  ... and %d more" % (len(errors) - 20))
                raise ContractViolation("\n".join(lines), errors=errors)
        return instance

    # -- public API -----------------------------------------------------------------------------

    def check(self, method, path, status, content_type, body_bytes, headers=None):
        """Checks one response; returns the parsed body (None when the response has none).

        method "GET", path "/api/v1/dossiers/d1?x=1" (the query is ignored), status 200,
        content_type the Content-Type header ("" or None when absent), body_bytes the raw body;
        headers (optional) a mapping of response headers: those the response declares required
        must be present and match their schema.
        """
        status = int(status)
        method = method.lower()
        route = self.find_route(path)
        op = None
        template = path
        responses_ptr = None
        if route is None:
            if status != 404:
                raise ContractViolation(
                    "%s %s -> %d: no path of %s matches %s" % (method.upper(), path, status,
                                                               self.path, path), status=status)
            response_ref = {"$ref": "#/components/responses/NotFound"}
        else:
            template = route[0]
            op = self.doc["paths"][template].get(method)
            if not isinstance(op, dict):
                if status != 405:
                    raise ContractViolation(
                        "%s %s -> %d: %s declares no %s operation on %s" % (
                            method.upper(), path, status, self.path, method.upper(), template),
                        operation="%s %s" % (method.upper(), template), status=status)
                op = None
                response_ref = {"$ref": "#/components/responses/MethodNotAllowed"}
            else:
                responses_ptr = pointer(["paths", template, method, "responses"])
                responses = op.get("responses") or {}
                response_ref = None
                for key in (str(status), "%dXX" % (status // 100), "default"):
                    if key in responses:
                        response_ref = responses[key]
                        responses_ptr += "/" + key
                        break
        name = self._op_name(method, template, op)
        what = "%s -> %d" % (name, status)
        if response_ref is None:
            declared = ", ".join(sorted((op.get("responses") or {}).keys()))
            raise ContractViolation("%s: status %d is not declared (declared: %s)"
                                    % (what, status, declared), operation=name, status=status)
        response, response_ptr = self._deref(response_ref, responses_ptr or "")
        try:
            self._check_headers(what, response, response_ptr, headers)
            content = response.get("content")
            if not content:
                if body_bytes:
                    raise ContractViolation("%s: the response declares no body, got %d bytes"
                                            % (what, len(body_bytes)))
                return None
            return self._check_media(what, content, content_type, body_bytes, response_ptr)
        except ContractViolation as e:
            e.operation, e.status = name, status
            raise

    def _check_headers(self, what, response, response_ptr, headers):
        if headers is None:
            return
        lower = {k.lower(): v for k, v in headers.items()}
        for name, header in (response.get("headers") or {}).items():
            if name.lower() == "content-type":
                continue
            header, header_ptr = self._deref(header, response_ptr + "/headers/" + name)
            value = lower.get(name.lower())
            if value is None:
                if header.get("required"):
                    raise ContractViolation("%s: required header %s is missing" % (what, name))
                continue
            if "schema" in header:
                # A header is text on the wire: one whose schema is an integer is read as one.
                if header["schema"].get("type") == "integer" and re.fullmatch(r"-?[0-9]+",
                                                                               str(value)):
                    value = int(value)
                errors = self._schema_errors(header_ptr + "/schema", value)
                if errors:
                    raise ContractViolation("%s: header %s: %r: %s" % (what, name, value,
                                                                       errors[0][1]))

    def check_request(self, method, path, body, content_type="application/json"):
        """Checks a request body (bytes, str, or already parsed JSON); returns the parsed body."""
        method = method.lower()
        try:
            template, op = self.find_operation(method, path)
        except ContractViolation as e:
            raise ContractViolation("%s %s: %s" % (method.upper(), path, e))
        name = self._op_name(method, template, op)
        what = "%s request" % name
        body_ref = op.get("requestBody")
        empty = body is None or (isinstance(body, (bytes, bytearray, str)) and len(body) == 0)
        try:
            if body_ref is None:
                if not empty:
                    raise ContractViolation("%s: the operation takes no request body" % what)
                return None
            request_body, body_ptr = self._deref(
                body_ref, pointer(["paths", template, method, "requestBody"]))
            if empty:
                if request_body.get("required"):
                    raise ContractViolation("%s: a request body is required" % what)
                return None
            return self._check_media(what, request_body.get("content") or {}, content_type,
                                     body, body_ptr)
        except ContractViolation as e:
            e.operation = name
            raise


# ---- command line ----------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--openapi", default=DEFAULT_OPENAPI, help="the OpenAPI document")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate-doc", help="validate an OpenAPI 3.1 document")
    p.add_argument("document", nargs="?", default=None)
    p = sub.add_parser("check-response", help="check a response body read from stdin")
    p.add_argument("method")
    p.add_argument("path")
    p.add_argument("status", type=int)
    p.add_argument("content_type")
    p = sub.add_parser("check-request", help="check a request body read from stdin")
    p.add_argument("method")
    p.add_argument("path")
    p.add_argument("content_type", nargs="?", default="application/json")
    args = parser.parse_args(argv)

    if args.command == "validate-doc":
        path = args.document or args.openapi
        try:
            doc = load_document(path)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print("%s: cannot load: %s" % (path, e), file=sys.stderr)
            return 2
        problems = validate_document(doc)
        if problems:
            for ptr, message in problems:
                print("%s#%s: %s" % (path, ptr, message))
            print("%s: %d problem(s)" % (path, len(problems)), file=sys.stderr)
            return 1
        print("ok: %s is a valid OpenAPI %s document (%s; every $ref resolves, path parameters "
              "declared, operationIds unique, schemas valid 2020-12)"
              % (path, doc.get("openapi"), summarize(doc)))
        return 0

    try:
        validator = ResponseValidator(args.openapi)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print("%s: cannot load: %s" % (args.openapi, e), file=sys.stderr)
        return 2
    body = sys.stdin.buffer.read()
    try:
        if args.command == "check-response":
            validator.check(args.method, args.path, args.status, args.content_type, body)
            print("ok: %s %s -> %d %s matches %s" % (args.method.upper(), args.path, args.status,
                                                     args.content_type, args.openapi))
        else:
            validator.check_request(args.method, args.path, body, args.content_type)
            print("ok: %s %s request matches %s" % (args.method.upper(), args.path,
                                                    args.openapi))
    except ContractViolation as e:
        print(str(e))
        return 1
    except UnicodeDecodeError as e:
        print("the body is not UTF-8: %s" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
