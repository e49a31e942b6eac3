using System.Text;
using Flurl.Http.Testing;

namespace Pulumi.Astro.Client.Tests;

/// <summary>
/// The create/update rules (AstroClient.cs remarks) for every organization-access POST, with Flurl's <see cref="HttpTest"/>
/// answering on cue: a create answered 500 may have made its object (outcome unknown), an update answered 500 did not
/// change it (an API error); a 503 or a connection lost after sending is never retried; a refused connection and a 429
/// are. DELETEs are idempotent and retried.
/// </summary>
public sealed class AccessRetryClassTests
{
    private static readonly DateTimeOffset FakeNow = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly AstroRetryPolicy Policy = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromSeconds(1),
        MaxDelay = TimeSpan.FromSeconds(8),
        MaxElapsed = TimeSpan.FromSeconds(60),
    };

    private static AstroClient NewClient(TimeProvider time) =>
        new(new AstroClientOptions { Host = new Uri("https://api.astro.test"), OrganizationId = "clorg", Token = "token", Retry = Policy, TimeProvider = time });

    private static Func<HttpContent> Json(string json) => () => new StringContent(json, Encoding.UTF8, "application/json");

    private static readonly Func<HttpContent> ErrorJson = Json("""{"message":"internal error","requestId":"r1","statusCode":500}""");

    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly IReadOnlyList<WorkspaceRole> SomeWorkspaceRoles = [new WorkspaceRole { WorkspaceId = "w1", Role = WorkspaceRoleName.Member }];

    // Every organization-access POST, and whether it is a create or an update (AstroClient.Access.cs).
    private static readonly Dictionary<string, (bool IsCreate, Func<AstroClient, Task> Call)> Posts = new()
    {
        ["CreateTeam"] = (true, c => c.CreateTeamAsync(new CreateTeamRequest { Name = "t" }, None)),
        ["CreateCustomRole"] = (true, c => c.CreateCustomRoleAsync(new CreateCustomRoleRequest { Name = "r", ScopeType = RoleScopeType.Deployment, Permissions = ["deployment.get"] }, None)),
        ["CreateUserInvite"] = (true, c => c.CreateUserInviteAsync(new CreateUserInviteRequest { InviteeEmail = "a@example.com", Role = OrganizationRole.Member }, None)),
        ["CreateAllowedIpAddressRange"] = (true, c => c.CreateAllowedIpAddressRangeAsync(new CreateAllowedIpAddressRangeRequest { IpAddressRange = "10.0.0.0/8" }, None)),
        ["BulkCreateAllowedIpAddressRanges"] = (true, c => c.BulkCreateAllowedIpAddressRangesAsync(new BulkCreateAllowedIpAddressRangesRequest { AllowedIpAddressRanges = ["10.0.0.0/8"] }, None)),
        ["UpdateTeam"] = (false, c => c.UpdateTeamAsync("t1", new UpdateTeamRequest { Name = "t" }, None)),
        ["AddTeamMembers"] = (false, c => c.AddTeamMembersAsync("t1", new AddTeamMembersRequest { MemberIds = ["u1"] }, None)),
        ["UpdateTeamRoles"] = (false, c => c.UpdateTeamRolesAsync("t1", new UpdateTeamRolesRequest { OrganizationRole = OrganizationRole.Member, WorkspaceRoles = SomeWorkspaceRoles }, None)),
        ["UpdateCustomRole"] = (false, c => c.UpdateCustomRoleAsync("r1", new UpdateCustomRoleRequest { Name = "r", Permissions = ["deployment.get"] }, None)),
        ["UpdateUserRoles"] = (false, c => c.UpdateUserRolesAsync("u1", new UpdateUserRolesRequest { OrganizationRole = OrganizationRole.Member }, None)),
        ["BulkDeleteAllowedIpAddressRanges"] = (false, c => c.BulkDeleteAllowedIpAddressRangesAsync(new BulkDeleteAllowedIpAddressRangesRequest { AllowedIpAddressRangeIds = ["i1"] }, None)),
        ["UpdateOrganization"] = (false, c => c.UpdateOrganizationAsync(new UpdateOrganizationRequest { Name = "o", BillingEmail = "b@example.com", IsScimEnabled = false }, None)),
    };

    private static readonly Dictionary<string, Func<AstroClient, Task>> Deletes = new()
    {
        ["DeleteTeam"] = c => c.DeleteTeamAsync("t1", None),
        ["RemoveTeamMember"] = c => c.RemoveTeamMemberAsync("t1", "u1", None),
        ["DeleteCustomRole"] = c => c.DeleteCustomRoleAsync("r1", None),
        ["DeleteUserInvite"] = c => c.DeleteUserInviteAsync("i1", None),
        ["DeleteAllowedIpAddressRange"] = c => c.DeleteAllowedIpAddressRangeAsync("a1", None),
    };

    private static IEnumerable<string> PostNames => Posts.Keys;

    private static IEnumerable<string> DeleteNames => Deletes.Keys;

    [TestCaseSource(nameof(PostNames))]
    public void Post_Answered500_CreateIsOutcomeUnknownUpdateIsAnApiError(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(ErrorJson, 500);
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        var e = Assert.ThrowsAsync(Is.InstanceOf<AstroException>(), () => Posts[post].Call(client))!;

        Assert.That(e, Is.TypeOf(Posts[post].IsCreate ? typeof(AstroOutcomeUnknownException) : typeof(AstroApiException)));
        Assert.That(e.Message, Does.Contain("internal error").And.Contain("requestId r1"));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1), "a POST is not retried on a 500");
    }

    [TestCaseSource(nameof(PostNames))]
    public void Post_Answered503_IsOutcomeUnknownAndNotRetried(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(ErrorJson, 503);
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => Posts[post].Call(client));

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(PostNames))]
    public void Post_ConnectionLostAfterSending_IsOutcomeUnknownAndNotRetried(string post)
    {
        using var httpTest = new HttpTest();
        httpTest.SimulateException(new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        var e = Assert.ThrowsAsync<AstroOutcomeUnknownException>(() => Posts[post].Call(client))!;

        Assert.That(e.Reason, Is.EqualTo("the connection failed after the request was sent: The response ended prematurely."));
        Assert.That(httpTest.CallLog, Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(PostNames))]
    public async Task Post_RefusedThenRateLimitedThenOk_RetriedBecauseAstroNeverProcessedIt(string post)
    {
        using var httpTest = new HttpTest();
        httpTest
            .SimulateException(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .RespondWith(ErrorJson, 429, new { Retry_After = "3" })
            .RespondWith(Json("{}"));
        var time = new RecordingTimeProvider(FakeNow);
        using var client = NewClient(time);

        await Posts[post].Call(client);

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(3));
        Assert.That(httpTest.CallLog.Select(c => c.HttpRequestMessage.Method), Is.All.EqualTo(HttpMethod.Post));
        Assert.That(time.Delays[1], Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [TestCaseSource(nameof(DeleteNames))]
    public async Task Delete_GatewayErrorsThenNoContent_RetriedUntilDone(string delete)
    {
        using var httpTest = new HttpTest();
        httpTest.RespondWith(ErrorJson, 502).RespondWith(ErrorJson, 503).RespondWith("", 204);
        using var client = NewClient(new RecordingTimeProvider(FakeNow));

        await Deletes[delete](client);

        Assert.That(httpTest.CallLog, Has.Count.EqualTo(3));
        Assert.That(httpTest.CallLog.Select(c => c.HttpRequestMessage.Method), Is.All.EqualTo(HttpMethod.Delete));
    }
}
