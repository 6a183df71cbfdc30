// What other modules may ask of the registry. Every read carries its actor and purpose and is
// written to the access log, exactly as over HTTP.
import type { PersonView } from './person/person.schema.ts';
import type { ReadContext } from './person/person.service.ts';
import type { SearchHit } from './person/person.store.ts';

export interface RegistryApi {
  getPerson(ctx: ReadContext, pid: string): Promise<PersonView>;
  searchPersons(
    ctx: ReadContext,
    q: { pid?: string; oldId?: string; name?: string; birthDate?: string; commune?: string; limit: number },
  ): Promise<SearchHit[]>;
}

export type { PersonView, ReadContext, SearchHit };
