namespace CptKb.Core.Storage;

/// <summary>The database engine the knowledge base is kept in (<c>Kb:Database:Provider</c>).</summary>
public enum KbDatabaseProvider
{
    /// <summary>A SQLite file on this machine: the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which several web nodes can share.</summary>
    PostgreSQL,
}
