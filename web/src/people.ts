// The company's users by id (GET /api/people: names, roles and teams, readable
// by every signed-in user), cached for owner pickers and name lookups.
import { api } from './api';

export interface Person {
  id: number;
  name: string;
  role: string;
  team: string;
}

let people: Promise<Person[]> | null = null;

export function loadPeople(): Promise<Person[]> {
  if (!people) {
    people = api<{ items: Person[] }>('/api/people').then((r) => r.items);
    people.catch(() => (people = null));
  }
  return people;
}
