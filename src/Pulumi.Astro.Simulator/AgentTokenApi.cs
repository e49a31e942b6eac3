using Newtonsoft.Json.Linq;
using Pulumi.Astro.Simulator.Validation;

namespace Pulumi.Astro.Simulator;

/// <summary>
/// A Deployment's agent tokens, with which remote-execution agents connect (the model's CreateAgentToken,
/// GetAgentToken, ListAgentTokens, DeleteAgentToken). Only a Deployment with remote execution enabled has them, as the
/// Terraform provider's acceptance tests assume (terraform-provider-astro, resource_agent_token_test.go). The value is
/// in the create answer only; they do not authenticate API requests.
/// </summary>
internal sealed partial class AstroSim
{
    private static readonly IReadOnlyDictionary<string, string> AgentTokenSorts = new Dictionary<string, string>
    {
        ["createdAt"] = "createdAt",
        ["createdById"] = "createdBy.id",
        ["description"] = "description",
        ["name"] = "name",
        ["tokenStartAt"] = "startAt",
        ["updatedAt"] = "updatedAt",
        ["updatedById"] = "updatedBy.id",
    };

    public JObject CreateAgentToken(string deploymentId, JObject body)
    {
        var dep = FindDeployment(deploymentId);
        Validator.Require(body, TokenSpecs.CreateAgentToken);
        if (Ms(Sim(dep), "goneAt") is not null) throw ApiError.BadRequest($"deployment {deploymentId} is being deleted");
        if (dep["remoteExecution"] is not JObject remote || Bool(remote, "enabled") != true)
            throw ApiError.BadRequest($"deployment {deploymentId} does not have remote execution enabled; agent tokens are only for remote execution");
        var id = Ids.NewId();
        var token = NewToken(id, body, "DEPLOYMENT", kind: "STANDARD");
        Sim(token)["deploymentId"] = deploymentId;
        var value = IssueValue(token);
        Store.Put(SimStore.AgentToken, id, token);
        return RenderToken(token, value);
    }

    public JObject GetAgentToken(string deploymentId, string id) => RenderToken(FindAgentToken(deploymentId, id));

    public JObject ListAgentTokens(string deploymentId, IQueryCollection query)
    {
        FindDeployment(deploymentId);
        var items = Store.All(SimStore.AgentToken).ToList().Where(t => Str(Sim(t), "deploymentId") == deploymentId);
        return Page("tokens", items, query, t => RenderToken(t), sortable: true, AgentTokenSorts);
    }

    public void DeleteAgentToken(string deploymentId, string id)
    {
        FindAgentToken(deploymentId, id);
        Store.Remove(SimStore.AgentToken, id);
    }

    /// <summary>The Deployment's agent token; another Deployment's token, or one of a deleted Deployment, is a 404.</summary>
    private JObject FindAgentToken(string deploymentId, string id)
    {
        FindDeployment(deploymentId);
        return Store.Get(SimStore.AgentToken, id) is { } token && Str(Sim(token), "deploymentId") == deploymentId
            ? token
            : throw ApiError.NotFound("agent token", id);
    }
}
