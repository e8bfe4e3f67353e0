/* Material's page helpers, as its partials/javascripts/base.html writes them inline (mkdocs-material 9.8.1), with
 * the scope (the site's root, which keys what Material keeps in localStorage) found from this script's own address,
 * assets/zerentian/md-helpers.js, instead of the page's base_url. */
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
