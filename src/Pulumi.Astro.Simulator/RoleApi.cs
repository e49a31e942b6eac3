using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>The store kinds of the organization-access objects.</summary>
internal static class AccessKinds
{
    public const string User = "user";
    public const string Team = "team";
    public const string CustomRole = "customRole";
    public const string Invite = "invite";
    public const string IpRange = "allowedIpAddressRange";
    public const string Organization = "organization";
}

/// <summary>
/// Roles: the built-in ones, custom roles (create, get, update, delete, list) and the permission groups a custom role
/// takes its permissions from; and the checks every role assignment (a team's or a user's) goes through.
/// </summary>
internal sealed partial class AstroSim
{
    public JArray ListPermissionGroups(IQueryCollection query)
    {
        var scope = QueryEnums(query, "scopeType", RoleCatalog.ScopeTypes).FirstOrDefault();
        if (query["scopeType"].Count > 1) throw ApiError.Field("scopeType", "invalid", "may be given once");
        return new JArray(RoleCatalog.PermissionGroups.Where(g => scope is null || g.Scope == scope).Select(g => new JObject
        {
            ["name"] = g.Name,
            ["description"] = g.Description,
            ["scope"] = g.Scope,
            ["permissions"] = new JArray(g.Permissions.Select(p => new JObject { ["action"] = p.Action, ["description"] = p.Description })),
        }));
    }

    public JObject ListRoles(IQueryCollection query)
    {
        var includeDefault = QueryFlag(query, "includeDefaultRoles", fallback: false);
        var scopes = QueryEnums(query, "scopeTypes", RoleCatalog.ScopeTypes);
        bool InScope(string scope) => scopes.Count == 0 || scopes.Contains(scope);
        var page = PageBy("roles", Live(AccessKinds.CustomRole).Where(r => InScope((string)r["scopeType"]!)), query, RenderRole,
            Field("name"), Field("description"), Field("scopeType"), Field("createdAt"), Field("updatedAt"));
        if (includeDefault)
        {
            page["defaultRoles"] = new JArray(RoleCatalog.BuiltInRoles.Where(r => InScope(r.Scope)).Select(r => new JObject
            {
                ["name"] = r.Name,
                ["description"] = r.Description,
                ["permissions"] = new JArray(r.Permissions),
                ["scopeType"] = r.Scope,
            }));
        }
        return page;
    }

    public JObject GetCustomRole(string id) => RenderRoleWithPermissions(FindCustomRole(id));

    public JObject CreateCustomRole(JObject body)
    {
        Validator.Require(body, AccessSpecs.CreateCustomRole);
        var scope = (string)body["scopeType"]!;
        var errors = new List<FieldError>();
        CheckCustomRole(body, scope, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        var name = (string)body["name"]!;
        CheckRoleNameFree(name, exceptId: null);

        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var id = Ids.NewId();
        var role = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["scopeType"] = scope,
            ["permissions"] = new JArray(((JArray)body["permissions"]!).Select(p => (string)p!)),
            ["restrictedWorkspaceIds"] = body["restrictedWorkspaceIds"]?.DeepClone() ?? new JArray(),
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject { ["created"] = nowMs },
        };
        if (Str(body, "description") is { } description) role["description"] = description;
        Store.Put(AccessKinds.CustomRole, id, role);
        return RenderRoleWithPermissions(role);
    }

    /// <summary>
    /// Replaces a custom role's name and permissions; an absent description or workspace list keeps the current one
    /// (<c>""</c> and <c>[]</c> clear them). A new name carries over to every assignment of the role.
    /// </summary>
    public JObject UpdateCustomRole(string id, JObject body)
    {
        var role = FindCustomRole(id);
        Validator.Require(body, AccessSpecs.UpdateCustomRole);
        var errors = new List<FieldError>();
        CheckCustomRole(body, (string)role["scopeType"]!, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        var oldName = (string)role["name"]!;
        var name = (string)body["name"]!;
        if (name != oldName) CheckRoleNameFree(name, exceptId: id);

        role["name"] = name;
        role["permissions"] = new JArray(((JArray)body["permissions"]!).Select(p => (string)p!));
        if (body["restrictedWorkspaceIds"] is JArray workspaces) role["restrictedWorkspaceIds"] = workspaces.DeepClone();
        if (Str(body, "description") is { } description) role["description"] = description;
        role["updatedAt"] = Stamp();
        role["updatedBy"] = Subject();
        Store.Put(AccessKinds.CustomRole, id, role);
        if (name != oldName) RenameAssignments(oldName, name);
        return RenderRoleWithPermissions(role);
    }

    /// <summary>Deletes a custom role nobody holds; one still assigned to a user or team is a 409 naming how many hold it.</summary>
    public void DeleteCustomRole(string id)
    {
        var role = FindCustomRole(id);
        var name = (string)role["name"]!;
        var holders = RoleSubjects().Count(s => Assignments(s.Subject).Any(a => (string?)a["role"] == name));
        if (holders > 0)
            throw ApiError.Conflict($"custom role {name} is assigned to {holders} user(s) or team(s); remove those assignments first");
        Store.Remove(AccessKinds.CustomRole, id);
    }

    private JObject FindCustomRole(string id) => Find(AccessKinds.CustomRole, id) ?? throw ApiError.NotFound("custom role", id);

    private JObject? CustomRoleNamed(string name) => Live(AccessKinds.CustomRole).FirstOrDefault(r => (string?)r["name"] == name);

    private void CheckRoleNameFree(string name, string? exceptId)
    {
        if (RoleCatalog.BuiltInRoles.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw ApiError.Conflict($"'{name}' is the name of a built-in role");
        if (Live(AccessKinds.CustomRole).FirstOrDefault(r => (string?)r["id"] != exceptId && string.Equals((string?)r["name"], name, StringComparison.OrdinalIgnoreCase)) is { } taken)
            throw ApiError.Conflict($"a custom role named '{taken["name"]}' already exists ({taken["id"]})");
    }

    /// <summary>A custom role's permissions come from its scope's permission groups, once each; its workspaces exist.</summary>
    private void CheckCustomRole(JObject body, string scope, List<FieldError> errors)
    {
        if (Str(body, "name") is { } name && string.IsNullOrWhiteSpace(name)) errors.Add(new FieldError("name", "required", "must not be empty"));
        var allowed = RoleCatalog.Permissions(scope).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var permissions = (JArray)body["permissions"]!;
        for (var i = 0; i < permissions.Count; i++)
        {
            var p = (string)permissions[i]!;
            if (!allowed.Contains(p))
                errors.Add(new FieldError($"permissions[{i}]", "oneof", $"'{p}' is not a {scope} permission; GET /authorization/permission-groups?scopeType={scope} lists them"));
            else if (!seen.Add(p))
                errors.Add(new FieldError($"permissions[{i}]", "unique", $"'{p}' is listed twice"));
        }
        CheckWorkspaceList(body["restrictedWorkspaceIds"] as JArray, "restrictedWorkspaceIds", errors);
    }

    private void CheckWorkspaceList(JArray? ids, string field, List<FieldError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = (string)ids![i]!;
            if (Find(SimStore.Workspace, id) is null) errors.Add(new FieldError($"{field}[{i}]", "invalid", $"workspace {id} not found"));
            else if (!seen.Add(id)) errors.Add(new FieldError($"{field}[{i}]", "unique", $"workspace {id} is listed twice"));
        }
    }

    private JObject RenderRole(JObject role)
    {
        var view = Public(role);
        view.Remove("permissions");
        return view;
    }

    private static JObject RenderRoleWithPermissions(JObject role) => Public(role);

    // ---- Role assignments: what UpdateTeamRoles and UpdateUserRoles share ----

    /// <summary>Users and teams: everything that holds scoped roles.</summary>
    private IEnumerable<(string Kind, JObject Subject)> RoleSubjects() =>
        Live(AccessKinds.User).Select(u => (AccessKinds.User, u)).Concat(Live(AccessKinds.Team).Select(t => (AccessKinds.Team, t)));

    private static IEnumerable<JObject> Assignments(JObject subject) =>
        (subject["deploymentRoles"] as JArray ?? []).Concat(subject["dagRoles"] as JArray ?? []).OfType<JObject>();

    private void RenameAssignments(string oldName, string newName)
    {
        foreach (var (kind, subject) in RoleSubjects())
        {
            var changed = false;
            foreach (var a in Assignments(subject).Where(a => (string?)a["role"] == oldName))
            {
                a["role"] = newName;
                changed = true;
            }
            if (changed) Store.Put(kind, (string)subject["id"]!, subject);
        }
    }

    private static void CheckOrganizationRole(string? role, List<FieldError> errors)
    {
        if (role is not null && !RoleCatalog.OrganizationRoles.Contains(role))
            errors.Add(new FieldError("organizationRole", "oneof", $"must be one of {string.Join(", ", RoleCatalog.OrganizationRoles)}, not '{role}'"));
    }

    /// <summary>
    /// The workspace, Deployment and DAG roles of a roles request: each names an existing workspace or Deployment once,
    /// and a role of its scope: a built-in one or a custom role of that scope, whose restricted workspaces (if any) hold
    /// the Deployment.
    /// </summary>
    private void CheckScopedRoles(JObject body, List<FieldError> errors)
    {
        var workspaces = new HashSet<string>(StringComparer.Ordinal);
        var wsRoles = body["workspaceRoles"] as JArray ?? [];
        for (var i = 0; i < wsRoles.Count; i++)
        {
            var id = (string)wsRoles[i]["workspaceId"]!;
            if (Find(SimStore.Workspace, id) is null) errors.Add(new FieldError($"workspaceRoles[{i}].workspaceId", "invalid", $"workspace {id} not found"));
            else if (!workspaces.Add(id)) errors.Add(new FieldError($"workspaceRoles[{i}].workspaceId", "unique", $"workspace {id} has more than one role"));
        }

        var deployments = new HashSet<string>(StringComparer.Ordinal);
        var depRoles = body["deploymentRoles"] as JArray ?? [];
        for (var i = 0; i < depRoles.Count; i++)
        {
            var r = (JObject)depRoles[i];
            var path = $"deploymentRoles[{i}]";
            var dep = AssignedDeployment((string)r["deploymentId"]!, path, errors);
            if (dep is not null && !deployments.Add((string)dep["id"]!))
                errors.Add(new FieldError($"{path}.deploymentId", "unique", $"deployment {dep["id"]} has more than one role"));
            CheckAssignedRole((string)r["role"]!, "DEPLOYMENT", RoleCatalog.DeploymentRoles, dep, $"{path}.role", errors);
        }

        var dags = new HashSet<string>(StringComparer.Ordinal);
        var dagRoles = body["dagRoles"] as JArray ?? [];
        for (var i = 0; i < dagRoles.Count; i++)
        {
            var r = (JObject)dagRoles[i];
            var path = $"dagRoles[{i}]";
            var dep = AssignedDeployment((string)r["deploymentId"]!, path, errors);
            string? dagId = Str(r, "dagId"), dagTag = Str(r, "dagTag");
            if (string.IsNullOrEmpty(dagId) == string.IsNullOrEmpty(dagTag))
            {
                errors.Add(dagId is null or "" ? new FieldError($"{path}.dagId", "required", "give dagId or dagTag")
                    : new FieldError($"{path}.dagTag", "not_allowed", "give dagId or dagTag, not both"));
            }
            else if (!dags.Add($"{r["deploymentId"]}/{(dagId is { Length: > 0 } ? "id:" + dagId : "tag:" + dagTag)}"))
                errors.Add(new FieldError(path, "unique", $"DAG {(dagId is { Length: > 0 } ? dagId : "tag " + dagTag)} of deployment {r["deploymentId"]} has more than one role"));
            CheckAssignedRole((string)r["role"]!, "DAG", RoleCatalog.DagRoles, dep, $"{path}.role", errors);
        }
    }

    private JObject? AssignedDeployment(string id, string path, List<FieldError> errors)
    {
        var dep = Find(SimStore.Deployment, id);
        if (dep is null || Ms(Sim(dep), "goneAt") is not null)
        {
            errors.Add(new FieldError($"{path}.deploymentId", "invalid", $"deployment {id} not found"));
            return null;
        }
        return dep;
    }

    private void CheckAssignedRole(string role, string scope, string[] builtIn, JObject? deployment, string path, List<FieldError> errors)
    {
        if (builtIn.Contains(role)) return;
        if (RoleCatalog.BuiltInRoles.FirstOrDefault(r => r.Name == role) is { } other)
        {
            errors.Add(new FieldError(path, "invalid", $"{role} is a {other.Scope} role, not a {scope} role"));
            return;
        }
        var custom = CustomRoleNamed(role);
        if (custom is null)
        {
            errors.Add(new FieldError(path, "oneof", $"'{role}' is neither {string.Join(" nor ", builtIn)} nor the name of a custom {scope} role"));
            return;
        }
        if ((string)custom["scopeType"]! != scope)
        {
            errors.Add(new FieldError(path, "invalid", $"custom role {role} is a {custom["scopeType"]} role, not a {scope} role"));
            return;
        }
        var restricted = (custom["restrictedWorkspaceIds"] as JArray ?? []).Select(w => (string?)w).ToList();
        if (deployment is not null && restricted.Count > 0 && !restricted.Contains((string?)deployment["workspaceId"]))
            errors.Add(new FieldError(path, "invalid",
                $"custom role {role} is restricted to workspaces {string.Join(", ", restricted)}; deployment {deployment["id"]} is in {deployment["workspaceId"]}"));
    }

    /// <summary>
    /// Sets the scoped role lists a request sends (an absent list keeps the current one, <c>[]</c> clears it). A subject
    /// given a Deployment or DAG role without a role in that Deployment's workspace gets WORKSPACE_ACCESSOR there, as
    /// Astro's "Create and assign custom Deployment roles" page describes.
    /// </summary>
    private void ApplyScopedRoles(JObject subject, JObject body)
    {
        foreach (var list in new[] { "workspaceRoles", "deploymentRoles", "dagRoles" })
        {
            if (body[list] is JArray roles) subject[list] = new JArray(roles.OfType<JObject>().Select(CleanRole));
            else if (subject[list] is not JArray) subject[list] = new JArray();
        }
        var wsRoles = (JArray)subject["workspaceRoles"]!;
        var held = wsRoles.Select(r => (string?)r["workspaceId"]).ToHashSet();
        foreach (var a in Assignments(subject).ToList())
        {
            if (Find(SimStore.Deployment, (string)a["deploymentId"]!) is { } dep && Str(dep, "workspaceId") is { } ws && held.Add(ws))
                wsRoles.Add(new JObject { ["workspaceId"] = ws, ["role"] = "WORKSPACE_ACCESSOR" });
        }
    }

    /// <summary>A role entry as stored: its fields, without explicit nulls or empty DAG ids and tags.</summary>
    private static JObject CleanRole(JObject role)
    {
        var copy = new JObject();
        foreach (var p in role.Properties().Where(p => p.Value.Type != JTokenType.Null && !(p.Value.Type == JTokenType.String && (string?)p.Value == "" && p.Name is "dagId" or "dagTag")))
            copy[p.Name] = p.Value.DeepClone();
        return copy;
    }

    /// <summary>
    /// A subject's scoped roles as answered: roles in workspaces and Deployments that no longer exist are gone, as they
    /// are from Astro when the workspace or Deployment is deleted.
    /// </summary>
    private void RenderScopedRoles(JObject stored, JObject view)
    {
        view["workspaceRoles"] = new JArray((stored["workspaceRoles"] as JArray ?? []).Where(r => Find(SimStore.Workspace, (string)r["workspaceId"]!) is not null).Select(r => r.DeepClone()));
        foreach (var list in new[] { "deploymentRoles", "dagRoles" })
            view[list] = new JArray((stored[list] as JArray ?? []).Where(r => Find(SimStore.Deployment, (string)r["deploymentId"]!) is not null).Select(r => r.DeepClone()));
    }

    /// <summary>The SubjectRoles answer of UpdateTeamRoles and UpdateUserRoles.</summary>
    private JObject RolesAnswer(JObject subject)
    {
        var view = new JObject();
        if (Str(subject, "organizationRole") is { } org) view["organizationRole"] = org;
        RenderScopedRoles(subject, view);
        return view;
    }
}
