using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

// How an environment object is kept: its typed field and its links' overrides are stored as the API shows them, and
// what the API never shows (secret values, a connection's authTypeId, a metrics export's authType) is kept apart in the
// private _sim.hidden member: "password", "extra.private_key_content", "links.<deploymentId>.password". Every rule and
// merge works on the full fields (shown and hidden together); writing them splits them again, so nothing hidden can
// reach an answer, and the control API's patch changes what an answer shows.
internal sealed partial class AstroSim
{
    /// <summary>A link to a Deployment, with the full fields its overrides set.</summary>
    private sealed record Link(string DeploymentId, JObject Overrides);

    private static readonly string[] MapFields = ["extra", "headers", "labels"];

    private static string TypeField(string type) => type switch
    {
        "AIRFLOW_VARIABLE" => "airflowVariable",
        "CONNECTION" => "connection",
        "ENVIRONMENT_VARIABLE" => "environmentVariable",
        _ => "metricsExport",
    };

    /// <summary>A link's overrides field in answers (EnvironmentObjectLink.connectionOverrides, …).</summary>
    private static string OverridesField(string type) => TypeField(type) + "Overrides";

    private static bool IsVariable(string type) => type is "AIRFLOW_VARIABLE" or "ENVIRONMENT_VARIABLE";

    /// <summary>
    /// Whether a field (or a map member, <c>extra.key</c>) is never answered: a secret variable's value, a password, a
    /// metrics token, a secret key of the connection auth type's extra, and the write-only connection authTypeId and
    /// metrics authType, which the Terraform provider has to keep from its plan because Astro does not echo them
    /// (terraform-provider-astro, <c>internal/provider/models/environment_object.go</c>).
    /// </summary>
    private static bool IsHidden(string type, bool secret, AccessCatalog.AuthType? auth, string name) => type switch
    {
        "CONNECTION" => name is "password" or "authTypeId"
            || name.StartsWith("extra.", StringComparison.Ordinal) && auth is not null
            && auth.Parameters.Any(p => p.InExtra && p.Secret && "extra." + p.Name == name),
        "METRICS_EXPORT" => name is "password" or "basicToken" or "authType",
        _ => secret && name == "value",
    };

    private static AccessCatalog.AuthType? AuthOf(JObject fields) =>
        Str(fields, "authTypeId") is { } id && AccessCatalog.ConnectionAuthTypes.TryGetValue(id, out var auth) ? auth : null;

    /// <summary>Splits full fields into what answers show and what stays hidden, with the object's rules.</summary>
    private static (JObject Shown, JObject Hidden) Split(string type, bool secret, AccessCatalog.AuthType? auth, JObject full)
    {
        JObject shown = [], hidden = [];
        foreach (var p in full.Properties())
        {
            if (type == "CONNECTION" && p.Name == "extra" && p.Value is JObject extra)
            {
                var shownExtra = new JObject();
                foreach (var m in extra.Properties())
                {
                    if (IsHidden(type, secret, auth, $"extra.{m.Name}")) hidden[$"extra.{m.Name}"] = m.Value.DeepClone();
                    else shownExtra[m.Name] = m.Value.DeepClone();
                }
                if (shownExtra.Count > 0 || extra.Count == 0) shown["extra"] = shownExtra;
            }
            else if (IsHidden(type, secret, auth, p.Name)) hidden[p.Name] = p.Value.DeepClone();
            else shown[p.Name] = p.Value.DeepClone();
        }
        return (shown, hidden);
    }

    /// <summary>Shown fields and hidden ones (by name, or <c>extra.key</c>) joined again.</summary>
    private static JObject Join(JObject shown, IEnumerable<JProperty> hidden, string prefix = "")
    {
        var full = (JObject)shown.DeepClone();
        foreach (var h in hidden)
        {
            var name = h.Name[prefix.Length..];
            if (name.StartsWith("extra.", StringComparison.Ordinal))
            {
                if (full["extra"] is not JObject extra) full["extra"] = extra = [];
                extra[name["extra.".Length..]] = h.Value.DeepClone();
            }
            else full[name] = h.Value.DeepClone();
        }
        return full;
    }

    private static JObject Hidden(JObject obj) => Sim(obj)["hidden"] as JObject ?? (JObject)(Sim(obj)["hidden"] = new JObject());

    /// <summary>The object's typed field in full, hidden values included.</summary>
    private static JObject FullFields(JObject obj)
    {
        var type = (string)obj["objectType"]!;
        var shown = obj[TypeField(type)] as JObject ?? [];
        var full = Join(shown, Hidden(obj).Properties().Where(p => !p.Name.StartsWith("links.", StringComparison.Ordinal)));
        full.Remove("connectionAuthType");
        return full;
    }

    /// <summary>Stores full typed fields: the shown part in the object, the rest hidden.</summary>
    private static void SetFields(JObject obj, JObject full)
    {
        var type = (string)obj["objectType"]!;
        var secret = IsVariable(type) && Bool(full, "isSecret") == true;
        var (shown, hidden) = Split(type, secret, AuthOf(full), full);
        if (IsVariable(type) && shown["value"] is null) shown["value"] = "";
        obj[TypeField(type)] = shown;
        var store = Hidden(obj);
        foreach (var old in store.Properties().Where(p => !p.Name.StartsWith("links.", StringComparison.Ordinal)).ToList()) old.Remove();
        foreach (var h in hidden.Properties()) store[h.Name] = h.Value;
    }

    /// <summary>The object's links with their full overrides, in order.</summary>
    private static List<Link> FullLinks(JObject obj)
    {
        var type = (string)obj["objectType"]!;
        var hidden = Hidden(obj);
        return (obj["links"] as JArray ?? []).OfType<JObject>().Select(l =>
        {
            var dep = (string)l["scopeEntityId"]!;
            var prefix = $"links.{dep}.";
            return new Link(dep, Join(l[OverridesField(type)] as JObject ?? [], hidden.Properties().Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)), prefix));
        }).ToList();
    }

    /// <summary>Stores links: shown overrides in the object, hidden ones under <c>links.&lt;deploymentId&gt;.</c>.</summary>
    private static void SetLinks(JObject obj, List<Link> links)
    {
        var type = (string)obj["objectType"]!;
        var store = Hidden(obj);
        foreach (var old in store.Properties().Where(p => p.Name.StartsWith("links.", StringComparison.Ordinal)).ToList()) old.Remove();
        if (Str(obj, "scope") != "WORKSPACE") return;
        var full = FullFields(obj);
        var secret = IsVariable(type) && Bool(full, "isSecret") == true;
        var auth = AuthOf(full);
        var shownLinks = new JArray();
        foreach (var link in links)
        {
            var (shown, hidden) = Split(type, secret, auth, link.Overrides);
            var entry = new JObject { ["scope"] = "DEPLOYMENT", ["scopeEntityId"] = link.DeploymentId };
            // A variable's override has one field, value, which answers must carry: a hidden one leaves out the whole override.
            if (shown.Count > 0) entry[OverridesField(type)] = shown;
            shownLinks.Add(entry);
            foreach (var h in hidden.Properties()) store[$"links.{link.DeploymentId}.{h.Name}"] = h.Value;
        }
        obj["links"] = shownLinks;
    }

    /// <summary>
    /// The names of the fields that hold a value, map members as <c>extra.key</c>, sorted: the model's
    /// <c>setFields</c>, which tells a set secret from an unset field.
    /// </summary>
    private static JArray SetFieldNames(string type, JObject full)
    {
        var names = new List<string>();
        foreach (var p in full.Properties())
        {
            if (p.Value.Type == JTokenType.Null || p.Name == "authTypeId") continue;
            if (MapFields.Contains(p.Name) && p.Value is JObject map) names.AddRange(map.Properties().Select(m => $"{p.Name}.{m.Name}"));
            else if (IsVariable(type) && p.Name == "value" && (string?)p.Value is "" or null) continue;
            else names.Add(p.Name);
        }
        return new JArray(names.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// An object as GET answers it: shown fields, setFields, the link setFields and a connection's auth type. The shown
    /// fields are split again from the full ones, so even a secret the control API patched into them is not answered.
    /// </summary>
    private JObject RenderEnvironmentObject(JObject obj)
    {
        var type = (string)obj["objectType"]!;
        var view = Public(obj);
        var full = FullFields(obj);
        var secret = IsVariable(type) && Bool(full, "isSecret") == true;
        var auth = AuthOf(full);
        var (shown, _) = Split(type, secret, auth, full);
        if (IsVariable(type) && shown["value"] is null) shown["value"] = "";
        if (auth is not null) shown["connectionAuthType"] = AccessCatalog.Render(auth);
        view[TypeField(type)] = shown;
        view["setFields"] = SetFieldNames(type, full);
        if (view["links"] is JArray links)
        {
            var overrides = FullLinks(obj).ToDictionary(l => l.DeploymentId, l => l.Overrides);
            foreach (var link in links.OfType<JObject>())
            {
                var linkFull = overrides.GetValueOrDefault((string)link["scopeEntityId"]!) ?? [];
                var (linkShown, _) = Split(type, secret, auth, linkFull);
                if (linkShown.Count > 0) link[OverridesField(type)] = linkShown;
                else link.Remove(OverridesField(type));
                link["setFields"] = SetFieldNames(type, linkFull);
            }
        }
        return view;
    }

    /// <summary>An object as a list shows it, with its creation time kept for the page's default order.</summary>
    private JObject RenderForList(JObject obj)
    {
        var view = RenderEnvironmentObject(obj);
        view[Internal] = new JObject { ["created"] = Sim(obj)["created"] };
        return view;
    }

    /// <summary>
    /// A workspace object as a Deployment it reaches sees it: the link's overrides on top of the object's fields (map
    /// members one by one), scoped to the Deployment with the workspace as its source, and without an id.
    /// </summary>
    private JObject Resolved(JObject obj, string deploymentId)
    {
        var type = (string)obj["objectType"]!;
        var merged = FullFields(obj);
        if (FullLinks(obj).FirstOrDefault(l => l.DeploymentId == deploymentId) is { } link)
        {
            foreach (var p in link.Overrides.Properties())
            {
                if (MapFields.Contains(p.Name) && p.Value is JObject map && merged[p.Name] is JObject baseMap)
                    foreach (var m in map.Properties()) baseMap[m.Name] = m.Value.DeepClone();
                else merged[p.Name] = p.Value.DeepClone();
            }
        }
        var secret = IsVariable(type) && Bool(merged, "isSecret") == true;
        var (shown, _) = Split(type, secret, AuthOf(merged), merged);
        if (IsVariable(type) && shown["value"] is null) shown["value"] = "";
        if (type == "CONNECTION" && AuthOf(merged) is { } auth) shown["connectionAuthType"] = AccessCatalog.Render(auth);
        var view = new JObject
        {
            ["objectKey"] = obj["objectKey"],
            ["objectType"] = type,
            ["scope"] = "DEPLOYMENT",
            ["scopeEntityId"] = deploymentId,
            ["sourceScope"] = "WORKSPACE",
            ["sourceScopeEntityId"] = obj["scopeEntityId"],
            ["createdAt"] = obj["createdAt"],
            ["updatedAt"] = obj["updatedAt"],
            ["createdBy"] = obj["createdBy"]?.DeepClone(),
            ["updatedBy"] = obj["updatedBy"]?.DeepClone(),
            [TypeField(type)] = shown,
            ["setFields"] = SetFieldNames(type, merged),
            [Internal] = new JObject { ["created"] = Sim(obj)["created"] },
        };
        CopyFields(obj, view, "description");
        return view;
    }

    /// <summary>
    /// Applies an update's typed field to the full fields: a field it names is set (an empty string clears it), a field
    /// it leaves out is kept, a map it names is replaced. An empty value for a secret variable keeps the stored value,
    /// as the astro CLI found (astro-cli, <c>cloud/env/link.go</c>, patchVarLinks).
    /// </summary>
    private static void MergeFields(string type, JObject full, JObject change)
    {
        foreach (var p in change.Properties().Where(p => p.Value.Type != JTokenType.Null))
        {
            if (IsVariable(type) && p.Name == "value" && Bool(full, "isSecret") == true && (string?)p.Value == "") continue;
            if (p.Value.Type == JTokenType.String && (string?)p.Value == "" && !(IsVariable(type) && p.Name == "value") && p.Name != "type") full.Remove(p.Name);
            else full[p.Name] = p.Value.DeepClone();
        }
    }

    /// <summary>The links a create asks for, with their overrides; overrides of another object type are refused.</summary>
    private static List<Link> NewLinks(JArray? requested, string type, List<FieldError> errors)
    {
        var links = new List<Link>();
        for (var i = 0; i < (requested?.Count ?? 0); i++)
        {
            var entry = (JObject)requested![i];
            var overrides = entry["overrides"] as JObject;
            CheckOverrideKinds(overrides, type, $"links[{i}].overrides", errors);
            links.Add(new Link((string)entry["scopeEntityId"]!, (JObject?)(overrides?[TypeField(type)] as JObject)?.DeepClone() ?? []));
        }
        return links;
    }

    /// <summary>
    /// The links an update leaves: the list it sends (none when it sends none). A link it keeps without overrides keeps
    /// its overrides; one with overrides merges them, and <c>unsetFields</c> removes overrides so the Deployment inherits
    /// the object's value (the model's description of UpdateEnvironmentObjectOverridesRequest).
    /// </summary>
    private static List<Link> UpdatedLinks(JObject obj, JArray? requested, string type, List<FieldError> errors)
    {
        var existing = FullLinks(obj).ToDictionary(l => l.DeploymentId, l => l.Overrides);
        var links = new List<Link>();
        for (var i = 0; i < (requested?.Count ?? 0); i++)
        {
            var entry = (JObject)requested![i];
            var dep = (string)entry["scopeEntityId"]!;
            var path = $"links[{i}].overrides";
            var overrides = entry["overrides"] as JObject;
            CheckOverrideKinds(overrides, type, path, errors);
            var current = existing.GetValueOrDefault(dep) is { } found ? (JObject)found.DeepClone() : [];
            if (overrides is null)
            {
                links.Add(new Link(dep, current));
                continue;
            }
            var set = overrides[TypeField(type)] as JObject ?? [];
            foreach (var p in set.Properties().Where(p => p.Value.Type != JTokenType.Null)) current[p.Name] = p.Value.DeepClone();
            var unset = (overrides["unsetFields"] as JArray ?? []).Select(u => (string)u!).ToList();
            for (var j = 0; j < unset.Count; j++)
            {
                var name = unset[j];
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                var field = dot < 0 ? name : name[..dot];
                if (!OverrideFieldNames(type).Contains(field) || dot >= 0 && !MapFields.Contains(field))
                    errors.Add(new FieldError($"{path}.unsetFields[{j}]", "invalid", $"'{name}' is not an override field of a {type} object"));
                else if (dot < 0 ? set[name] is { Type: not JTokenType.Null } : set[field]?[name[(dot + 1)..]] is not null)
                    errors.Add(new FieldError($"{path}.unsetFields[{j}]", "invalid", $"'{name}' is both set and unset"));
                else if (dot < 0) current.Remove(name);
                else (current[field] as JObject)?.Remove(name[(dot + 1)..]);
            }
            links.Add(new Link(dep, current));
        }
        return links;
    }

    private static string[] OverrideFieldNames(string type) => type switch
    {
        "CONNECTION" => ["type", "host", "port", "login", "password", "schema", "extra"],
        "METRICS_EXPORT" => ["authType", "basicToken", "endpoint", "exporterType", "headers", "labels", "password", "sigV4AssumeArn", "sigV4StsRegion", "username"],
        _ => ["value"],
    };

    private static void CheckOverrideKinds(JObject? overrides, string type, string path, List<FieldError> errors)
    {
        foreach (var p in (overrides ?? []).Properties().Where(p => p.Name != "unsetFields" && p.Name != TypeField(type) && p.Value.Type != JTokenType.Null))
            errors.Add(new FieldError($"{path}.{p.Name}", "not_allowed", $"only {TypeField(type)} overrides apply to a {type} object"));
    }

    /// <summary>The rules between an object's fields, on its full fields after a create or an update.</summary>
    private static void CheckFields(string type, JObject full, string path, List<FieldError> errors)
    {
        if (type == "CONNECTION")
        {
            if (string.IsNullOrWhiteSpace(Str(full, "type"))) errors.Add(new FieldError($"{path}.type", "invalid", "must not be blank"));
            if (Str(full, "authTypeId") is not { } authId) return;
            if (!AccessCatalog.ConnectionAuthTypes.TryGetValue(authId, out var auth))
            {
                errors.Add(new FieldError($"{path}.authTypeId", "invalid",
                    $"'{authId}' is not a connection auth type ({string.Join(", ", AccessCatalog.ConnectionAuthTypes.Keys)})"));
                return;
            }
            if (auth.AirflowType != Str(full, "type"))
                errors.Add(new FieldError($"{path}.authTypeId", "invalid", $"'{authId}' is for {auth.AirflowType} connections, not {Str(full, "type")}"));
            foreach (var p in auth.Parameters.Where(p => p.Required))
            {
                var present = p.InExtra ? full["extra"]?[p.Name] is { Type: not JTokenType.Null } : full[p.Name] is { Type: not JTokenType.Null };
                if (!present)
                    errors.Add(new FieldError(p.InExtra ? $"{path}.extra.{p.Name}" : $"{path}.{p.Name}", "required", $"is required by the auth type {authId}"));
            }
        }
        else if (type == "METRICS_EXPORT")
        {
            // Each auth type has its own credentials (Astro's metrics export settings): BASIC a username and password,
            // AUTH_TOKEN a bearer token, SIGV4 a role to assume.
            var authType = Str(full, "authType");
            string[] required = authType switch
            {
                "BASIC" => ["username", "password"],
                "AUTH_TOKEN" => ["basicToken"],
                "SIGV4" => ["sigV4AssumeArn"],
                _ => [],
            };
            string[] credentials = ["username", "password", "basicToken", "sigV4AssumeArn", "sigV4StsRegion"];
            foreach (var f in required.Where(f => Str(full, f) is null))
                errors.Add(new FieldError($"{path}.{f}", "required", $"is required for authType {authType}"));
            foreach (var f in credentials.Where(f => Str(full, f) is not null && !required.Contains(f) && !(authType == "SIGV4" && f == "sigV4StsRegion")))
                errors.Add(new FieldError($"{path}.{f}", "not_allowed", authType is null ? "needs an authType" : $"is not used with authType {authType}"));
        }
    }
}
