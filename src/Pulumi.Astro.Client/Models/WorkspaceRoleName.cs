// The workspace role enum, open like every Astro enum (AstroEnum.cs).

namespace Pulumi.Astro.Client.Models;

/// <summary>A workspace role (Astro API reference: WorkspaceRoleRole). A value the client does not know is kept as is.</summary>
/// <param name="Value">The value exactly as Astro writes it.</param>
public readonly record struct WorkspaceRoleName(string Value) : IAstroEnum<WorkspaceRoleName>
{
    /// <summary><c>WORKSPACE_OWNER</c>.</summary>
    public static readonly WorkspaceRoleName Owner = new("WORKSPACE_OWNER");
    /// <summary><c>WORKSPACE_OPERATOR</c>.</summary>
    public static readonly WorkspaceRoleName Operator = new("WORKSPACE_OPERATOR");
    /// <summary><c>WORKSPACE_AUTHOR</c>.</summary>
    public static readonly WorkspaceRoleName Author = new("WORKSPACE_AUTHOR");
    /// <summary><c>WORKSPACE_MEMBER</c>.</summary>
    public static readonly WorkspaceRoleName Member = new("WORKSPACE_MEMBER");
    /// <summary><c>WORKSPACE_ACCESSOR</c>: what Astro gives a subject with a Deployment role and no role in its workspace.</summary>
    public static readonly WorkspaceRoleName Accessor = new("WORKSPACE_ACCESSOR");

    /// <summary>The values this client knows, from the most to the least privileged.</summary>
    public static IReadOnlyList<WorkspaceRoleName> KnownValues { get; } = [Owner, Operator, Author, Member, Accessor];

    /// <inheritdoc/>
    public override string ToString() => Value ?? "";
}
