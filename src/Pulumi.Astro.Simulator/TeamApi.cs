using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// Teams: create, get, update, delete, list; their members (add, remove, list) and their roles. Team names are unique
/// in the organization (a second one is a 409, astro-sim's choice). Members are users of the organization; adding one
/// who is a member already changes nothing.
/// </summary>
internal sealed partial class AstroSim
{
    public JObject CreateTeam(JObject body)
    {
        Validator.Require(body, AccessSpecs.CreateTeam);
        var errors = new List<FieldError>();
        CheckTeamName(body, errors);
        var memberIds = CheckMemberIds(body["memberIds"] as JArray, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        var name = (string)body["name"]!;
        CheckTeamNameFree(name, exceptId: null);

        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var id = Ids.NewId();
        var team = new JObject
        {
            ["id"] = id,
            ["name"] = name,
            ["organizationId"] = Options.OrganizationId,
            ["organizationRole"] = Str(body, "organizationRole") ?? "ORGANIZATION_MEMBER",
            ["isIdpManaged"] = false,
            ["workspaceRoles"] = new JArray(),
            ["deploymentRoles"] = new JArray(),
            ["dagRoles"] = new JArray(),
            ["createdAt"] = now,
            ["updatedAt"] = now,
            ["createdBy"] = Subject(),
            ["updatedBy"] = Subject(),
            [Internal] = new JObject
            {
                ["created"] = nowMs,
                ["members"] = new JArray(memberIds.Select(m => new JObject { ["userId"] = m, ["added"] = nowMs })),
            },
        };
        if (Str(body, "description") is { } description) team["description"] = description;
        Store.Put(AccessKinds.Team, id, team);
        return RenderTeam(team);
    }

    public JObject GetTeam(string id) => RenderTeam(FindTeam(id));

    /// <summary>Renames a team; an absent description keeps the current one (<c>""</c> clears it).</summary>
    public JObject UpdateTeam(string id, JObject body)
    {
        var team = FindTeam(id);
        Validator.Require(body, AccessSpecs.UpdateTeam);
        var errors = new List<FieldError>();
        CheckTeamName(body, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        var name = (string)body["name"]!;
        if (!string.Equals(name, (string?)team["name"], StringComparison.OrdinalIgnoreCase)) CheckTeamNameFree(name, exceptId: id);
        team["name"] = name;
        if (Str(body, "description") is { } description) team["description"] = description;
        team["updatedAt"] = Stamp();
        team["updatedBy"] = Subject();
        Store.Put(AccessKinds.Team, id, team);
        return RenderTeam(team);
    }

    public void DeleteTeam(string id)
    {
        FindTeam(id);
        Store.Remove(AccessKinds.Team, id);
    }

    public JObject ListTeams(IQueryCollection query)
    {
        var names = query["names"].Where(n => n is not null).ToHashSet(StringComparer.Ordinal);
        string? workspace = query["workspaceId"].FirstOrDefault(), deployment = query["deploymentId"].FirstOrDefault();
        bool Matches(JObject t) =>
            (names.Count == 0 || names.Contains((string)t["name"]!))
            && (workspace is null || t["workspaceRoles"]!.Any(r => (string?)r["workspaceId"] == workspace))
            && (deployment is null || t["deploymentRoles"]!.Concat(t["dagRoles"]!).Any(r => (string?)r["deploymentId"] == deployment));
        var teams = Live(AccessKinds.Team).Where(t => Matches(RenderTeam(t)));
        return PageBy("teams", teams, query, RenderTeam, Field("createdAt"), Field("description"), Field("name"), Field("updatedAt"));
    }

    public JObject ListTeamMembers(string id, IQueryCollection query)
    {
        var team = FindTeam(id);
        var members = Members(team).Select(m => (Entry: m, User: Find(AccessKinds.User, (string)m["userId"]!)))
            .Where(m => m.User is not null)
            .Select(m => new JObject
            {
                ["id"] = m.User!["id"],
                ["userId"] = m.User["id"],
                ["username"] = m.User["username"],
                ["fullName"] = m.User["fullName"],
                ["avatarUrl"] = m.User["avatarUrl"],
                ["createdAt"] = Stamp((long)m.Entry["added"]!),
                [Internal] = new JObject { ["created"] = m.Entry["added"] },
            });
        return PageBy("teamMembers", members, query, m =>
        {
            var view = Public(m);
            view.Remove("id");
            return view;
        }, Field("createdAt"), Field("fullName"), Field("userId"), Field("username"));
    }

    /// <summary>Adds users to a team; ones who are members already are left as they are. Answers 204.</summary>
    public void AddTeamMembers(string id, JObject body)
    {
        var team = FindTeam(id);
        Validator.Require(body, AccessSpecs.AddTeamMembers);
        var errors = new List<FieldError>();
        var ids = CheckMemberIds((JArray)body["memberIds"]!, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        var members = Members(team);
        var nowMs = NowMs;
        foreach (var userId in ids.Where(u => !members.Any(m => (string?)m["userId"] == u)))
            members.Add(new JObject { ["userId"] = userId, ["added"] = nowMs });
        team["updatedAt"] = Stamp(nowMs);
        Store.Put(AccessKinds.Team, id, team);
    }

    /// <summary>Removes one member; a user who is not a member of the team is a 404.</summary>
    public void RemoveTeamMember(string id, string userId)
    {
        var team = FindTeam(id);
        var members = Members(team);
        var entry = members.FirstOrDefault(m => (string?)m["userId"] == userId) ?? throw ApiError.NotFound($"member of team {id}", userId);
        members.Remove(entry);
        team["updatedAt"] = Stamp();
        Store.Put(AccessKinds.Team, id, team);
    }

    /// <summary>
    /// Sets a team's roles: the organization role (required) and the workspace, Deployment and DAG role lists that are
    /// sent (a list left out keeps the team's current roles there, <c>[]</c> removes them).
    /// </summary>
    public JObject UpdateTeamRoles(string id, JObject body)
    {
        var team = FindTeam(id);
        Validator.Require(body, AccessSpecs.UpdateTeamRoles);
        var errors = new List<FieldError>();
        CheckOrganizationRole(Str(body, "organizationRole"), errors);
        CheckScopedRoles(body, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors);
        team["organizationRole"] = body["organizationRole"];
        ApplyScopedRoles(team, body);
        team["updatedAt"] = Stamp();
        team["updatedBy"] = Subject();
        Store.Put(AccessKinds.Team, id, team);
        return RolesAnswer(team);
    }

    private JObject FindTeam(string id) => Find(AccessKinds.Team, id) ?? throw ApiError.NotFound("team", id);

    private static JArray Members(JObject team)
    {
        var sim = Sim(team);
        if (sim["members"] is not JArray members) sim["members"] = members = [];
        return members;
    }

    /// <summary>Takes a removed user out of every team.</summary>
    private void RemoveFromTeams(string userId)
    {
        foreach (var team in Live(AccessKinds.Team).ToList())
        {
            var members = Members(team);
            if (members.FirstOrDefault(m => (string?)m["userId"] == userId) is { } entry)
            {
                members.Remove(entry);
                Store.Put(AccessKinds.Team, (string)team["id"]!, team);
            }
        }
    }

    private static void CheckTeamName(JObject body, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(Str(body, "name"))) errors.Add(new FieldError("name", "required", "must not be empty"));
    }

    private void CheckTeamNameFree(string name, string? exceptId)
    {
        if (Live(AccessKinds.Team).FirstOrDefault(t => (string?)t["id"] != exceptId && string.Equals((string?)t["name"], name, StringComparison.OrdinalIgnoreCase)) is { } taken)
            throw ApiError.Conflict($"a team named '{taken["name"]}' already exists ({taken["id"]})");
    }

    /// <summary>Member ids: users of the organization, each once. Returns the valid ones.</summary>
    private List<string> CheckMemberIds(JArray? ids, List<FieldError> errors)
    {
        var valid = new List<string>();
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = (string)ids![i]!;
            if (Find(AccessKinds.User, id) is null) errors.Add(new FieldError($"memberIds[{i}]", "invalid", $"user {id} not found in the organization"));
            else if (valid.Contains(id)) errors.Add(new FieldError($"memberIds[{i}]", "unique", $"user {id} is listed twice"));
            else valid.Add(id);
        }
        return valid;
    }

    private JObject RenderTeam(JObject team)
    {
        var view = Public(team);
        RenderScopedRoles(team, view);
        view["rolesCount"] = RolesCount(view);
        return view;
    }

    /// <summary>A team as ListUserTeams answers it (UserTeamMembership).</summary>
    private JObject RenderMembership(JObject team)
    {
        var full = RenderTeam(team);
        var view = new JObject();
        foreach (var f in new[] { "id", "name", "description", "isIdpManaged", "organizationRole", "rolesCount", "workspaceRoles", "deploymentRoles", "dagRoles" })
            if (full[f] is { } v) view[f] = v.DeepClone();
        return view;
    }

    private static int RolesCount(JObject view) =>
        new[] { "workspaceRoles", "deploymentRoles", "dagRoles" }.Sum(l => (view[l] as JArray)?.Count ?? 0);
}
