using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// Users (list, get, their roles, their teams) and user invites. An invite makes a PENDING user with the invite's
/// organization role, whom GetUser and ListUsers show (the Terraform provider reads an invite back through GetUser of
/// the invitee); deleting the invite withdraws it and removes that user. An invite not accepted within
/// <see cref="RoleCatalog.InviteLifetime"/> disappears with its user. The control API accepts invites and adds users.
/// </summary>
internal sealed partial class AstroSim
{
    /// <summary>Seeds <see cref="SeededUsers"/> unless they are there already (a reused --db keeps its own).</summary>
    private void SeedUsers()
    {
        if (Store.Get(AccessKinds.User, SeededUsers.OwnerId) is not null) return;
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        foreach (var u in SeededUsers.All)
        {
            var workspaceRoles = new JArray();
            if (u.WorkspaceRole is { } role) workspaceRoles.Add(new JObject { ["workspaceId"] = Options.WorkspaceId, ["role"] = role });
            Store.Put(AccessKinds.User, u.Id, NewUser(u.Id, u.Username, u.FullName, u.Status, u.OrganizationRole, now, nowMs, workspaceRoles));
        }
    }

    private static JObject NewUser(string id, string username, string fullName, string status, string organizationRole, string now, long nowMs, JArray? workspaceRoles = null) => new()
    {
        ["id"] = id,
        ["username"] = username,
        ["fullName"] = fullName,
        ["avatarUrl"] = status == "PENDING" ? "" : $"https://avatars.astro-sim.local/{id}.png",
        ["status"] = status,
        ["organizationRole"] = organizationRole,
        ["workspaceRoles"] = workspaceRoles ?? [],
        ["deploymentRoles"] = new JArray(),
        ["dagRoles"] = new JArray(),
        ["createdAt"] = now,
        ["updatedAt"] = now,
        [Internal] = new JObject { ["created"] = nowMs },
    };

    public JObject ListUsers(IQueryCollection query)
    {
        string? workspace = query["workspaceId"].FirstOrDefault(), deployment = query["deploymentId"].FirstOrDefault(), dag = query["dagId"].FirstOrDefault();
        var tags = query["dagTags"].Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
        bool Matches(JObject u) =>
            (workspace is null || u["workspaceRoles"]!.Any(r => (string?)r["workspaceId"] == workspace))
            && (deployment is null || u["deploymentRoles"]!.Concat(u["dagRoles"]!).Any(r => (string?)r["deploymentId"] == deployment))
            && (dag is null || u["dagRoles"]!.Any(r => (string?)r["dagId"] == dag))
            && (tags.Count == 0 || u["dagRoles"]!.Any(r => r["dagTag"] is { Type: JTokenType.String } t && tags.Contains((string)t!)));
        var items = Live(AccessKinds.User).Where(u => Matches(RenderUser(u)));
        return PageBy("users", items, query, RenderUser, Field("createdAt"), Field("fullName"), Field("id"), Field("updatedAt"), Field("username"));
    }

    public JObject GetUser(string id) => RenderUser(FindUser(id));

    /// <summary>
    /// Sets a user's roles. <c>organizationRole</c> is required whenever a workspace, Deployment or DAG role list is
    /// sent (as Astro's reference says); a list left out keeps the user's current roles there, <c>[]</c> removes them.
    /// Only ACTIVE users' roles change, and the organization keeps at least one ACTIVE owner.
    /// </summary>
    public JObject UpdateUserRoles(string id, JObject body)
    {
        var user = FindUser(id);
        Validator.Require(body, AccessSpecs.UpdateUserRoles);
        var status = (string)user["status"]!;
        if (status != "ACTIVE")
            throw ApiError.BadRequest($"user {id} is {status}: only an ACTIVE user's roles can be changed");
        var errors = new List<FieldError>();
        var orgRole = Str(body, "organizationRole");
        CheckOrganizationRole(orgRole, errors);
        if (orgRole is null)
        {
            foreach (var list in new[] { "workspaceRoles", "deploymentRoles", "dagRoles" }.Where(l => body[l] is JArray))
                errors.Add(new FieldError("organizationRole", "required", $"is required when {list} is given"));
        }
        else if (orgRole != "ORGANIZATION_OWNER" && (string?)user["organizationRole"] == "ORGANIZATION_OWNER"
                 && !Live(AccessKinds.User).Any(u => (string)u["id"]! != id && (string?)u["organizationRole"] == "ORGANIZATION_OWNER" && (string?)u["status"] == "ACTIVE"))
            errors.Add(new FieldError("organizationRole", "invalid", $"user {id} is the organization's only owner; make another user ORGANIZATION_OWNER first"));
        CheckScopedRoles(body, errors);
        if (errors.Count > 0) throw ApiError.Invalid(errors.DistinctBy(e => (e.Field, e.Code)).ToList());

        if (orgRole is not null) user["organizationRole"] = orgRole;
        ApplyScopedRoles(user, body);
        user["updatedAt"] = Stamp();
        Store.Put(AccessKinds.User, id, user);
        return RolesAnswer(user);
    }

    public JObject ListUserTeams(string id, IQueryCollection query)
    {
        FindUser(id);
        var teams = Live(AccessKinds.Team).Where(t => Members(t).Any(m => (string?)m["userId"] == id));
        return PageBy("teams", teams, query, RenderMembership, Field("createdAt"), Field("description"), Field("name"), Field("updatedAt"));
    }

    private JObject FindUser(string id) => Find(AccessKinds.User, id) ?? throw ApiError.NotFound("user", id);

    private JObject RenderUser(JObject user)
    {
        var view = Public(user);
        RenderScopedRoles(user, view);
        return view;
    }

    private JObject? UserNamed(string username) =>
        Live(AccessKinds.User).FirstOrDefault(u => string.Equals((string?)u["username"], username, StringComparison.OrdinalIgnoreCase));

    // ---- Invites ----

    public JObject CreateUserInvite(JObject body)
    {
        Validator.Require(body, AccessSpecs.CreateUserInvite);
        var email = (string)body["inviteeEmail"]!;
        if (UserNamed(email) is { } existing)
        {
            throw (string?)existing["status"] == "PENDING"
                ? ApiError.Conflict($"an invite for {email} is already pending (invite {Sim(existing)["inviteId"]})")
                : ApiError.Conflict($"{email} is already a member of the organization (user {existing["id"]})");
        }
        var nowMs = NowMs;
        var now = Stamp(nowMs);
        var expires = nowMs + (long)RoleCatalog.InviteLifetime.TotalMilliseconds;
        var userId = Ids.NewId();
        var inviteId = Ids.NewId();
        var user = NewUser(userId, email, "", "PENDING", (string)body["role"]!, now, nowMs);
        Sim(user)["goneAt"] = expires;
        Sim(user)["inviteId"] = inviteId;
        Store.Put(AccessKinds.User, userId, user);
        var invite = new JObject
        {
            ["inviteId"] = inviteId,
            ["invitee"] = new JObject { ["id"] = userId, ["subjectType"] = "USER", ["username"] = email },
            ["inviter"] = Subject(),
            ["organizationId"] = Options.OrganizationId,
            ["organizationName"] = OrganizationName,
            ["userId"] = userId,
            ["expiresAt"] = Stamp(expires),
            [Internal] = new JObject { ["created"] = nowMs, ["goneAt"] = expires },
        };
        Store.Put(AccessKinds.Invite, inviteId, invite);
        return Public(invite);
    }

    /// <summary>Withdraws a pending invite: the invite and its PENDING user are gone. An accepted or expired invite is a 404.</summary>
    public void DeleteUserInvite(string inviteId)
    {
        var invite = Find(AccessKinds.Invite, inviteId) ?? throw ApiError.NotFound("invite", inviteId);
        Store.Remove(AccessKinds.Invite, inviteId);
        if (Find(AccessKinds.User, (string)invite["userId"]!) is { } user && (string?)user["status"] == "PENDING")
        {
            Store.Remove(AccessKinds.User, (string)user["id"]!);
            RemoveFromTeams((string)user["id"]!);
        }
    }

    // ---- Control API (/_sim) ----

    /// <summary>The invitee accepts: their user turns ACTIVE and stays; the invite is used up.</summary>
    public JObject AcceptInvite(string inviteId, string? fullName)
    {
        var invite = Find(AccessKinds.Invite, inviteId) ?? throw ApiError.NotFound("invite", inviteId);
        var user = FindUser((string)invite["userId"]!);
        var id = (string)user["id"]!;
        user["status"] = "ACTIVE";
        user["fullName"] = fullName ?? ((string)user["username"]!).Split('@')[0];
        user["avatarUrl"] = $"https://avatars.astro-sim.local/{id}.png";
        user["updatedAt"] = Stamp();
        Sim(user).Remove("goneAt");
        Sim(user).Remove("inviteId");
        Store.Put(AccessKinds.User, id, user);
        Store.Remove(AccessKinds.Invite, inviteId);
        return RenderUser(user);
    }

    /// <summary>A user who joined the organization outside the API (through the UI or SSO), e.g. to have many users to page through.</summary>
    public JObject AddUser(JObject body)
    {
        Validator.Require(body, AccessSpecs.SimUser);
        var username = (string)body["username"]!;
        if (UserNamed(username) is { } existing) throw ApiError.Conflict($"user {username} exists already ({existing["id"]})");
        var nowMs = NowMs;
        var id = Ids.NewId();
        var user = NewUser(id, username, Str(body, "fullName") ?? username.Split('@')[0], Str(body, "status") ?? "ACTIVE",
            Str(body, "organizationRole") ?? "ORGANIZATION_MEMBER", Stamp(nowMs), nowMs);
        Store.Put(AccessKinds.User, id, user);
        return RenderUser(user);
    }
}
