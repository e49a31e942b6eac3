using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator;

namespace Pulumi.Astro.Testing;

/// <summary>What a <see cref="ModelViolation"/> is.</summary>
public enum ViolationKind
{
    /// <summary>No operation of the model has this method and path.</summary>
    UnknownOperation,
    /// <summary>A field (or query parameter) the model marks required is absent.</summary>
    MissingRequired,
    /// <summary>A field the model's type does not have.</summary>
    UnknownField,
    /// <summary>A query parameter the operation does not have.</summary>
    UnknownQueryParameter,
    /// <summary>A value of the wrong JSON type (string, integer, number, boolean, datetime, array, object).</summary>
    WrongType,
    /// <summary>JSON null where the model requires a value.</summary>
    NullNotAllowed,
    /// <summary>
    /// A string outside the enum's values. Kept apart from the others: the real API adds enum values over time, so a
    /// response may carry one legitimately; a request must not.
    /// </summary>
    UnknownEnumValue,
    /// <summary>A body where the operation has none.</summary>
    UnexpectedBody,
    /// <summary>No body where the operation has one.</summary>
    MissingBody,
    /// <summary>A body that is not JSON.</summary>
    InvalidJson,
}

/// <summary>One way a request or response differs from the model, with a JSON path (<c>body.workerQueues[0].name</c>).</summary>
public sealed record ModelViolation(ViolationKind Kind, string Operation, string Where, string Message)
{
    public override string ToString() => $"{Operation} {Where}: {Kind}: {Message}";
}

/// <summary>
/// Checks API traffic against <see cref="ApiModel"/>: the (method, path) names the operation; a request body is checked
/// against the operation's request type, its query against the operation's parameters, and a response body against the
/// type of its status (success type, or Astro's <c>Error</c>). Checked: required fields present, no unknown fields, JSON
/// types, nulls only where the field is optional or nullable, union variants by discriminator, and enum values (reported
/// as <see cref="ViolationKind.UnknownEnumValue"/>).
/// </summary>
public sealed partial class ModelValidator(ApiModel model)
{
    /// <summary>A validator of the repository's model (<see cref="AstroModel"/>).</summary>
    public static ModelValidator Default => new(AstroModel.Model);

    public ApiModel Model => model;

    // RFC 3339 date-time, as Go's time.Time unmarshals it.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateTime();

    /// <summary>Parses a body as the server or client sent it: timestamps stay strings. Null for an empty body.</summary>
    public static JToken? ParseBody(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    public IReadOnlyList<ModelViolation> ValidateRequest(string method, string path, string? query, string? body)
    {
        var violations = new List<ModelViolation>();
        var operation = model.Match(method, path);
        if (operation is null)
        {
            violations.Add(new ModelViolation(ViolationKind.UnknownOperation, $"{method} {path}", "", "no operation of the model has this method and path"));
            return violations;
        }
        CheckQuery(operation, query, violations);
        var json = Parse(operation, "body", body, violations, out var ok);
        if (!ok) return violations;
        if (operation.RequestBody is null)
        {
            if (json is not null) violations.Add(new ModelViolation(ViolationKind.UnexpectedBody, operation.Name, "body", "the operation takes no request body"));
        }
        else if (json is null)
            violations.Add(new ModelViolation(ViolationKind.MissingBody, operation.Name, "body", $"the operation takes a {operation.RequestBody}"));
        else
            Check(operation.Name, json, new ApiTypeRef("ref", operation.RequestBody), "body", required: true, nullable: false, violations);
        return violations;
    }

    public IReadOnlyList<ModelViolation> ValidateResponse(string method, string path, int status, string? body)
    {
        var violations = new List<ModelViolation>();
        var operation = model.Match(method, path);
        if (operation is null)
        {
            violations.Add(new ModelViolation(ViolationKind.UnknownOperation, $"{method} {path}", "", "no operation of the model has this method and path"));
            return violations;
        }
        var json = Parse(operation, "response", body, violations, out var ok);
        if (!ok) return violations;
        // Every error answer is Astro's Error body, whether or not the operation lists that status.
        var type = status >= 400 ? operation.ResponseType(status) ?? new ApiTypeRef("ref", "Error") : operation.ResponseType(status);
        if (type is null)
        {
            if (json is not null) violations.Add(new ModelViolation(ViolationKind.UnexpectedBody, operation.Name, "response", $"status {status} has no body in the model"));
        }
        else if (json is null)
            violations.Add(new ModelViolation(ViolationKind.MissingBody, operation.Name, "response", $"status {status} answers a {type}"));
        else
            Check(operation.Name, json, type, "response", required: true, nullable: false, violations);
        return violations;
    }

    /// <summary>Checks a value against a type of the model.</summary>
    public IReadOnlyList<ModelViolation> Validate(JToken value, ApiTypeRef type, string operation = "", string where = "$")
    {
        var violations = new List<ModelViolation>();
        Check(operation, value, type, where, required: true, nullable: false, violations);
        return violations;
    }

    private static JToken? Parse(ApiOperation operation, string where, string? text, List<ModelViolation> violations, out bool ok)
    {
        ok = true;
        try
        {
            return ParseBody(text);
        }
        catch (JsonException e)
        {
            ok = false;
            violations.Add(new ModelViolation(ViolationKind.InvalidJson, operation.Name, where, e.Message));
            return null;
        }
    }

    private void CheckQuery(ApiOperation operation, string? query, List<ModelViolation> violations)
    {
        var values = QueryHelpers.ParseQuery(query);
        foreach (var (name, param) in operation.Query)
            if (param.Required && !values.ContainsKey(name))
                violations.Add(new ModelViolation(ViolationKind.MissingRequired, operation.Name, $"query.{name}", "required query parameter is absent"));
        foreach (var (name, raw) in values)
        {
            if (!operation.Query.TryGetValue(name, out var param))
            {
                violations.Add(new ModelViolation(ViolationKind.UnknownQueryParameter, operation.Name, $"query.{name}",
                    $"the operation has no such parameter ({string.Join(", ", operation.Query.Keys)})"));
                continue;
            }
            var single = param.Type.Kind == "array" ? param.Type.Items! : param.Type;
            if (param.Type.Kind != "array" && raw.Count > 1)
                violations.Add(new ModelViolation(ViolationKind.WrongType, operation.Name, $"query.{name}", "is given more than once but is not an array"));
            foreach (var v in raw)
            {
                JToken token = single.Kind switch
                {
                    "integer" when long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
                    "number" when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                    "boolean" when v is "true" or "false" => v == "true",
                    _ => v ?? "",
                };
                Check(operation.Name, token, single, $"query.{name}", required: true, nullable: false, violations);
            }
        }
    }

    private void Check(string op, JToken value, ApiTypeRef type, string where, bool required, bool nullable, List<ModelViolation> violations)
    {
        void Add(ViolationKind kind, string message) => violations.Add(new ModelViolation(kind, op, where, message));

        if (value.Type == JTokenType.Null)
        {
            if (required && !nullable) Add(ViolationKind.NullNotAllowed, $"is null but the model requires a {type}");
            return;
        }
        switch (type.Kind)
        {
            case "any":
                return;
            case "string":
                if (value.Type != JTokenType.String) Add(ViolationKind.WrongType, $"is {Describe(value)}, not a string");
                return;
            case "datetime":
                if (value.Type != JTokenType.String) Add(ViolationKind.WrongType, $"is {Describe(value)}, not an RFC 3339 date-time string");
                else if (!DateTime().IsMatch((string)value!)) Add(ViolationKind.WrongType, $"'{value}' is not an RFC 3339 date-time");
                return;
            case "integer":
                if (value.Type != JTokenType.Integer) Add(ViolationKind.WrongType, $"is {Describe(value)}, not an integer");
                return;
            case "number":
                if (value.Type is not (JTokenType.Integer or JTokenType.Float)) Add(ViolationKind.WrongType, $"is {Describe(value)}, not a number");
                return;
            case "boolean":
                if (value.Type != JTokenType.Boolean) Add(ViolationKind.WrongType, $"is {Describe(value)}, not a boolean");
                return;
            case "array":
                if (value is not JArray array)
                {
                    Add(ViolationKind.WrongType, $"is {Describe(value)}, not an array");
                    return;
                }
                for (var i = 0; i < array.Count; i++)
                    Check(op, array[i], type.Items!, $"{where}[{i}]", required: true, nullable: false, violations);
                return;
            case "map":
                if (value is not JObject map)
                {
                    Add(ViolationKind.WrongType, $"is {Describe(value)}, not an object (map)");
                    return;
                }
                foreach (var p in map.Properties())
                    Check(op, p.Value, type.Values!, $"{where}.{p.Name}", required: true, nullable: false, violations);
                return;
        }
        if (model.Resolve(type) is not { } named)
        {
            Add(ViolationKind.WrongType, $"the model has no type {type}");
            return;
        }
        switch (named.Kind)
        {
            case "enum":
                if (value.Type != JTokenType.String) Add(ViolationKind.WrongType, $"is {Describe(value)}, not a {named.Name} string");
                else if (!named.Values.Contains((string)value!))
                    Add(ViolationKind.UnknownEnumValue, $"'{value}' is not a {named.Name} ({string.Join(", ", named.Values)})");
                return;
            case "union":
                if (value is not JObject obj)
                {
                    Add(ViolationKind.WrongType, $"is {Describe(value)}, not a {named.Name} object");
                    return;
                }
                if (model.Variant(named, obj) is not { } variant)
                {
                    var tag = obj[named.Discriminator!];
                    Add(tag is null ? ViolationKind.MissingRequired : ViolationKind.WrongType,
                        $"{named.Discriminator} {(tag is null ? "is absent" : $"'{tag}'")} selects no variant of {named.Name} ({string.Join(", ", named.Mapping.Keys)})");
                    return;
                }
                CheckObject(op, obj, variant, where, violations);
                return;
            default:
                if (value is not JObject o)
                {
                    Add(ViolationKind.WrongType, $"is {Describe(value)}, not a {named.Name} object");
                    return;
                }
                CheckObject(op, o, named, where, violations);
                return;
        }
    }

    private void CheckObject(string op, JObject obj, ApiType type, string where, List<ModelViolation> violations)
    {
        foreach (var field in type.Fields.Values)
        {
            var path = $"{where}.{field.Name}";
            if (obj[field.Name] is { } value)
                Check(op, value, field.Type, path, field.Required, field.Nullable, violations);
            else if (field.Required)
                violations.Add(new ModelViolation(ViolationKind.MissingRequired, op, path, $"{type.Name} requires it"));
        }
        foreach (var property in obj.Properties().Where(p => !type.Fields.ContainsKey(p.Name)))
            violations.Add(new ModelViolation(ViolationKind.UnknownField, op, $"{where}.{property.Name}", $"{type.Name} has no such field"));
    }

    private static string Describe(JToken value) => value.Type switch
    {
        JTokenType.String => $"the string '{value}'",
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        _ => $"{value.Type.ToString().ToLowerInvariant()} {value.ToString(Formatting.None)}",
    };
}
