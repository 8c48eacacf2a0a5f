/** Who acted: the authenticated person, carried in every event's metadata. */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
  unitId?: string;
}
