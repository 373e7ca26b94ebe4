//! Type names by place. A type asks for a name made from where it is (a component's key,
//! an inline schema's owner and property path); the first place to ask for a name gets it,
//! and places are asked in an order fixed by the spec's content, not its layout. Names in
//! the lock are held for their places before anything asks, so a newcomer never takes one.

use foldhash::HashMap;

use crate::diagnostic::JsonPointer;
use crate::lock::NameLock;
use crate::naming::Namer;

#[derive(Debug, Default)]
pub struct TypeNames {
    namer: Namer,
    /// Locked names by (place, name asked for): the name, and whether it was an alias.
    locked: HashMap<(String, String), (String, bool)>,
    /// The place that holds each locked name.
    holders: HashMap<String, String>,
}

/// The name a place gets.
pub struct Named {
    pub name: String,
    /// What it asked for, when it got another.
    pub wanted: Option<String>,
    /// The lock has it as the definition of its shape.
    pub defined_before: bool,
    /// The place whose locked name it asked for, when a newcomer lost one to the lock.
    pub lost_to: Option<String>,
}

impl TypeNames {
    pub fn new(lock: Option<&NameLock>) -> Self {
        let mut names = Self::default();
        for entry in lock.into_iter().flat_map(|lock| &lock.types) {
            names.namer.reserve(&entry.name);
            names.holders.insert(entry.name.clone(), entry.at.clone());
            names.locked.insert((entry.at.clone(), entry.wanted().to_owned()), (entry.name.clone(), entry.alias));
        }
        names
    }

    /// The name for the type at `origin` that asks for `wanted`.
    pub fn name(&mut self, origin: &JsonPointer, wanted: &str) -> Named {
        let at = origin.to_string();
        if let Some((name, alias)) = self.locked.remove(&(at, wanted.to_owned())) {
            let wanted = (name != wanted).then(|| wanted.to_owned());
            return Named { name, wanted, defined_before: !alias, lost_to: None };
        }
        let name = self.namer.unique(wanted);
        let lost_to = (name != wanted).then(|| self.holders.get(wanted).cloned()).flatten();
        let wanted = (name != wanted).then(|| wanted.to_owned());
        Named { name, wanted, defined_before: false, lost_to }
    }
}
