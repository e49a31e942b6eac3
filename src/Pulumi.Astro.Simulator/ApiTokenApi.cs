using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// API tokens (the model's CreateApiToken, GetApiToken, ListApiTokens, UpdateApiToken, UpdateApiTokenRoles,
/// RotateApiToken, DeleteApiToken). A token's value is in the create and rotate answers only; astro-sim keeps its
/// SHA-256 and nothing else. A live token's value authenticates API requests as the startup token does (the control
/// API still takes only the startup token); a rotated, expired or deleted one answers 401.
/// </summary>
internal sealed partial class AstroSim
{
    private static readonly IReadOnlyDictionary<string, string> TokenSorts = new Dictionary<string, string>
    {
        ["createdAt"] = "createdAt",
        ["description"] = "description",
        ["name"] = "name",
        ["tokenStartAt"] = "startAt",
        ["updatedAt"] = "updatedAt",
    };

    public JObject CreateApiToken(JObject body)
    {
        Validator.Require(body, TokenSpecs.CreateApiToken);
        var scope = (string)body["scope"]!;
        var role = (string)body["role"]!;
        var errors = new List<FieldError>();
        var entityId = Str(body, "entityId");
        if (scope == "ORGANIZATION")
        {
            if (entityId is not null && entityId != Options.OrganizationId)
                errors.Add(new FieldError("entityId", "invalid", $"an ORGANIZATION token's entity is the organization {Options.OrganizationId}"));
            entityId = Options.OrganizationId;
        }
        else if (entityId is null)
            errors.Add(new FieldError("entityId", "required", $"is required for {scope} tokens: the id of the {scope.ToLowerInvariant()}"));
        else if (!EntityExists(scope, entityId))
            errors.Add(new FieldError("entityId", "invalid", $"{scope.ToLowerInvariant()} {entityId} not found"));
        if (!AccessCatalog.RolesFor(scope).Contains(role))
            errors.Add(new FieldError("role", "oneof", $"must be one of {string.Join(", ", AccessCatalog.RolesFor(scope))} for a {scope} token, not '{role}'"));
        if (errors.Count > 0) throw ApiError.Invalid(errors);

        var id = Ids.NewId();
        var token = NewToken(id, body, scope, kind: Str(body, "kind") ?? "STANDARD");
        token["roles"] = new JArray(new JObject { ["entityType"] = scope, ["entityId"] = entityId, ["role"] = role });
        Sim(token)["entityId"] = entityId;
        var value = IssueValue(token);
        Store.Put(SimStore.ApiToken, id, token);
        return RenderToken(token, value);
    }

    public JObject GetApiToken(string id) => RenderToken(FindApiToken(id));

    public JObject ListApiTokens(IQueryCollection query)
    {
        var workspaceId = query["workspaceId"].FirstOrDefault();
        var deploymentId = query["deploymentId"].FirstOrDefault();
        var dagId = query["dagId"].FirstOrDefault();
        var dagTags = query["dagTags"].Where(t => t is not null).ToHashSet();
        var kind = query["kind"].FirstOrDefault();
        if (kind is not null && !AccessCatalog.TokenKinds.Contains(kind))
            throw ApiError.Field("kind", "oneof", $"must be one of {string.Join(", ", AccessCatalog.TokenKinds)}, not '{kind}'");
        var organizationOnly = QueryBool(query, "includeOnlyOrganizationTokens") ?? false;
        bool HasRole(JObject token, Func<JObject, bool> match) => (token["roles"] as JArray ?? []).OfType<JObject>().Any(match);
        var items = LiveApiTokens()
            .Where(t => !organizationOnly || Str(t, "scope") == "ORGANIZATION")
            .Where(t => kind is null || Str(t, "kind") == kind)
            .Where(t => workspaceId is null || HasRole(t, r => Str(r, "entityType") == "WORKSPACE" && Str(r, "entityId") == workspaceId))
            .Where(t => deploymentId is null || HasRole(t, r => Str(r, "entityType") == "DEPLOYMENT" && Str(r, "entityId") == deploymentId
                || Str(r, "deploymentId") == deploymentId))
            .Where(t => dagId is null || HasRole(t, r => Str(r, "entityType") == "DAG" && Str(r, "entityId") == dagId))
            .Where(t => dagTags.Count == 0 || HasRole(t, r => Str(r, "entityType") == "DAG_TAG" && dagTags.Contains(Str(r, "entityId"))));
        return Page("tokens", items, query, t => RenderToken(t), sortable: true, TokenSorts);
    }

    public JObject UpdateApiToken(string id, JObject body)
    {
        var token = FindApiToken(id);
        Validator.Require(body, TokenSpecs.UpdateApiToken);
        token["name"] = body["name"];
        if (Str(body, "description") is { } description) token["description"] = description;
        Touch(token);
        Store.Put(SimStore.ApiToken, id, token);
        return RenderToken(token);
    }

    /// <summary>
    /// Replaces a token's roles. The rules are the Terraform provider's (terraform-provider-astro,
    /// <c>internal/provider/resources/resource_api_token.go</c>, ValidateApiTokenRoles): exactly one role on the token's
    /// own entity, no ORGANIZATION role on a WORKSPACE token, only DEPLOYMENT, DAG and DAG_TAG roles on a DEPLOYMENT
    /// token, and a deploymentId on every DAG and DAG_TAG role.
    /// </summary>
    public JObject UpdateApiTokenRoles(string id, JObject body)
    {
        var token = FindApiToken(id);
        Validator.Require(body, TokenSpecs.UpdateApiTokenRoles);
        var scope = (string)token["scope"]!;
        var own = (string)Sim(token)["entityId"]!;
        var roles = ((JArray)body["roles"]!).OfType<JObject>().ToList();
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ownRoles = 0;
        for (var i = 0; i < roles.Count; i++)
        {
            var r = roles[i];
            var path = $"roles[{i}]";
            var type = (string)r["entityType"]!;
            var entity = (string)r["entityId"]!;
            var deploymentId = Str(r, "deploymentId");
            if (!seen.Add($"{type}/{entity}/{deploymentId}"))
                errors.Add(new FieldError($"{path}.entityId", "unique", $"the token already has a {type} role on {entity}"));
            if (!AccessCatalog.RolesFor(type).Contains((string)r["role"]!))
                errors.Add(new FieldError($"{path}.role", "oneof", $"must be one of {string.Join(", ", AccessCatalog.RolesFor(type))} for a {type} role, not '{r["role"]}'"));
            if (type == scope && entity == own) ownRoles++;
            var dag = type is "DAG" or "DAG_TAG";
            if (dag && deploymentId is null)
                errors.Add(new FieldError($"{path}.deploymentId", "required", $"is required for {type} roles: the Deployment the DAG runs in"));
            if (!dag && deploymentId is not null)
                errors.Add(new FieldError($"{path}.deploymentId", "not_allowed", "is only for DAG and DAG_TAG roles"));
            var target = dag ? deploymentId : entity;
            var targetType = dag ? "DEPLOYMENT" : type;
            if (target is null) continue;
            if (targetType == "ORGANIZATION")
            {
                if (scope != "ORGANIZATION")
                    errors.Add(new FieldError($"{path}.entityType", "not_allowed", $"a {scope} token cannot have an ORGANIZATION role"));
                else if (entity != Options.OrganizationId)
                    errors.Add(new FieldError($"{path}.entityId", "invalid", $"is not this organization ({Options.OrganizationId})"));
            }
            else if (!EntityExists(targetType, target))
                errors.Add(new FieldError(dag ? $"{path}.deploymentId" : $"{path}.entityId", "invalid", $"{targetType.ToLowerInvariant()} {target} not found"));
            else if (scope == "DEPLOYMENT" && (targetType != "DEPLOYMENT" || target != own))
                errors.Add(new FieldError($"{path}.entityId", "not_allowed", $"a DEPLOYMENT token can only have roles on its own Deployment {own}"));
            else if (scope == "WORKSPACE" && (targetType == "WORKSPACE" ? target != own : WorkspaceOf(target) != own))
                errors.Add(new FieldError($"{path}.entityId", "not_allowed", $"a WORKSPACE token can only have roles in its own workspace {own}"));
        }
        if (ownRoles != 1)
            errors.Add(new FieldError("roles", "invalid", ownRoles == 0
                ? $"must include the token's own {scope} role on {own}"
                : $"must include exactly one {scope} role on {own}, not {ownRoles}"));
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        token["roles"] = new JArray(roles.Select(r => r.DeepClone()));
        Touch(token);
        Store.Put(SimStore.ApiToken, id, token);
        return SubjectRoles(token);
    }

    /// <summary>Issues a new value; the old one stops authenticating at once. An expiring token's period starts again.</summary>
    public JObject RotateApiToken(string id)
    {
        var token = FindApiToken(id);
        var now = Stamp();
        token["startAt"] = now;
        if (token["expiryPeriodInDays"] is { Type: JTokenType.Integer } days)
            token["endAt"] = Formats.FormatTime(Now.AddDays((int)days));
        token["lastRotatedAt"] = now;
        Touch(token);
        var value = IssueValue(token);
        Store.Put(SimStore.ApiToken, id, token);
        return RenderToken(token, value);
    }

    public void DeleteApiToken(string id)
    {
        FindApiToken(id);
        Store.Remove(SimStore.ApiToken, id);
    }

    /// <summary>Whether <paramref name="value"/> is the value of a live, unexpired API token; marks it used.</summary>
    public bool Authenticates(string value)
    {
        if (value.Length == 0) return false;
        var hash = Hash(value);
        lock (Store.Gate)
        {
            var token = LiveApiTokens().FirstOrDefault(t => Str(Sim(t), "hash") == hash);
            if (token is null || Expired(token)) return false;
            token["lastUsedAt"] = Stamp();
            Store.Put(SimStore.ApiToken, (string)token["id"]!, token);
            return true;
        }
    }

    /// <summary>A new token object without value or roles: the fields API and agent tokens share.</summary>
    private JObject NewToken(string id, JObject body, string scope, string kind)
    {
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var token = new JObject
        {
            ["id"] = id,
            ["name"] = body["name"],
            ["description"] = Str(body, "description") ?? "",
            ["scope"] = scope,
            ["kind"] = kind,
            ["startAt"] = now,
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject { ["created"] = nowMs },
        };
        if (body["tokenExpiryPeriodInDays"] is { Type: JTokenType.Integer } days)
        {
            token["expiryPeriodInDays"] = days.DeepClone();
            token["endAt"] = Formats.FormatTime(Now.AddDays((int)days));
        }
        return token;
    }

    /// <summary>Makes a new value for the token: keeps its hash and short form, returns the value itself.</summary>
    private static string IssueValue(JObject token)
    {
        // Shaped like Astro's tokens (JWTs): three base64url parts, the last one random.
        static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var value = $"{B64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{B64($"{{\"sub\":\"{token["id"]}\",\"iss\":\"astro-sim\"}}")}.{signature}";
        Sim(token)["hash"] = Hash(value);
        token["shortToken"] = signature[^7..];
        return value;
    }

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private bool Expired(JObject token) =>
        Str(token, "endAt") is { } end && Formats.TryParseTime(end, out var at) && at <= Now;

    private void Touch(JObject token)
    {
        token["updatedAt"] = Stamp();
        token["updatedBy"] = Subject();
    }

    /// <summary>A token as the API shows it: never its value, except the one just issued.</summary>
    private static JObject RenderToken(JObject token, string? value = null)
    {
        var view = Public(token);
        view.Remove("token");
        if (value is not null) view["token"] = value;
        return view;
    }

    private JObject FindApiToken(string id) =>
        LiveApiTokens().FirstOrDefault(t => (string?)t["id"] == id) ?? throw ApiError.NotFound("API token", id);

    /// <summary>
    /// API tokens whose entity still exists. A token of a deleted Deployment goes with it, and roles on deleted
    /// Deployments drop out of other tokens (workspace deletion removes its tokens and roles itself).
    /// </summary>
    private List<JObject> LiveApiTokens()
    {
        var live = new List<JObject>();
        foreach (var token in Store.All(SimStore.ApiToken).ToList())
        {
            var id = (string)token["id"]!;
            var scope = (string)token["scope"]!;
            if (scope != "ORGANIZATION" && !EntityExists(scope, (string)Sim(token)["entityId"]!))
            {
                Store.Remove(SimStore.ApiToken, id);
                continue;
            }
            if (token["roles"] is JArray roles)
            {
                var gone = roles.OfType<JObject>()
                    .Where(r => (Str(r, "entityType") == "DEPLOYMENT" ? Str(r, "entityId") : Str(r, "deploymentId")) is { } dep && !EntityExists("DEPLOYMENT", dep))
                    .ToList();
                if (gone.Count > 0)
                {
                    foreach (var r in gone) r.Remove();
                    Store.Put(SimStore.ApiToken, id, token);
                }
            }
            live.Add(token);
        }
        return live;
    }

    /// <summary>Removes the tokens of a workspace or Deployment, and its roles on every other token.</summary>
    private void RemoveRolesOf(string entityType, string entityId)
    {
        foreach (var token in Store.All(SimStore.ApiToken).ToList())
        {
            var id = (string)token["id"]!;
            if (Str(token, "scope") == entityType && Str(Sim(token), "entityId") == entityId)
            {
                Store.Remove(SimStore.ApiToken, id);
                continue;
            }
            if (token["roles"] is JArray roles && roles.OfType<JObject>().Where(r => Str(r, "entityType") == entityType && Str(r, "entityId") == entityId).ToList() is { Count: > 0 } gone)
            {
                foreach (var r in gone) r.Remove();
                Store.Put(SimStore.ApiToken, id, token);
            }
        }
    }

    private bool EntityExists(string type, string id) => type switch
    {
        "ORGANIZATION" => id == Options.OrganizationId,
        "WORKSPACE" => Store.Get(SimStore.Workspace, id) is not null,
        "DEPLOYMENT" => Find(SimStore.Deployment, id) is not null,
        _ => false,
    };

    private string? WorkspaceOf(string deploymentId) => Find(SimStore.Deployment, deploymentId) is { } d ? Str(d, "workspaceId") : null;

    /// <summary>The model's SubjectRoles: a token's roles grouped by entity type.</summary>
    private static JObject SubjectRoles(JObject token)
    {
        var roles = (token["roles"] as JArray ?? []).OfType<JObject>().ToList();
        var result = new JObject();
        if (roles.FirstOrDefault(r => Str(r, "entityType") == "ORGANIZATION") is { } org) result["organizationRole"] = org["role"];
        result["workspaceRoles"] = new JArray(roles.Where(r => Str(r, "entityType") == "WORKSPACE")
            .Select(r => new JObject { ["workspaceId"] = r["entityId"], ["role"] = r["role"] }));
        result["deploymentRoles"] = new JArray(roles.Where(r => Str(r, "entityType") == "DEPLOYMENT")
            .Select(r => new JObject { ["deploymentId"] = r["entityId"], ["role"] = r["role"] }));
        result["dagRoles"] = new JArray(roles.Where(r => Str(r, "entityType") is "DAG" or "DAG_TAG").Select(r =>
        {
            var dag = new JObject { ["deploymentId"] = r["deploymentId"], ["role"] = r["role"] };
            dag[Str(r, "entityType") == "DAG" ? "dagId" : "dagTag"] = r["entityId"];
            return dag;
        }));
        return result;
    }

    /// <summary>A boolean query parameter: true, false, or absent (null); anything else is a 400.</summary>
    private static bool? QueryBool(IQueryCollection query, string name) => query[name].FirstOrDefault() switch
    {
        null => null,
        var v when string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) => true,
        var v when string.Equals(v, "false", StringComparison.OrdinalIgnoreCase) => false,
        var v => throw ApiError.Field(name, "invalid_type", $"must be true or false, not '{v}'"),
    };
}
