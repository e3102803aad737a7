/** Entry module of every page: language switch, the operator's details, then the page's own behaviour (from `<body data-page>`). */
import { initLanguageSwitch } from './i18n.js';
import { initOperator } from './operator.js';
import { initProposal, initReactivate } from './proposal.js';
import { initSignUp } from './signup.js';
import { initVerify } from './verify.js';

initLanguageSwitch();
void initOperator();
const page = document.body.dataset.page;
if (page === 'mentor' || page === 'mentee') initSignUp(page);
else if (page === 'verify') initVerify();
else if (page === 'proposal') initProposal();
else if (page === 'reactivate') initReactivate();
